package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.config.HostIdInfo;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Applies the overrides of spec 2.10 to what the agent said: first the output's {@code cloudid},
 * {@code hostip}, {@code hostid}; then the host-id file; then {@code bk_addressing: dynamic}
 * blanks the IP. Immutable and thread-safe (the supplier must be thread-safe).
 */
final class AgentInfoResolver {
  private final OptionalInt cloudId;
  private final String hostIp;
  private final int hostId;
  private final boolean dynamicAddressing;
  private final Supplier<HostIdInfo> hostIdInfo;

  AgentInfoResolver(OptionalInt cloudId, String hostIp, int hostId, boolean dynamicAddressing,
      Supplier<HostIdInfo> hostIdInfo) {
    this.cloudId = cloudId;
    this.hostIp = hostIp;
    this.hostId = hostId;
    this.dynamicAddressing = dynamicAddressing;
    this.hostIdInfo = Objects.requireNonNull(hostIdInfo, "hostIdInfo");
  }

  /** A resolver with only the host-id file (console output). */
  static AgentInfoResolver hostIdOnly(Supplier<HostIdInfo> hostIdInfo) {
    return new AgentInfoResolver(OptionalInt.empty(), "", 0, false, hostIdInfo);
  }

  static AgentInfoResolver of(GseConfig config, Supplier<HostIdInfo> hostIdInfo) {
    return new AgentInfoResolver(config.cloudId(), config.hostIp(), config.hostId(),
        config.dynamicAddressing(), hostIdInfo);
  }

  AgentInfo resolve(AgentInfo agent) {
    int bkBizId = agent.bkBizId();
    int cloud = cloudId.orElse(agent.cloudId());
    String ip = hostIp.isEmpty() ? agent.ip() : hostIp;
    int host = hostId != 0 ? hostId : agent.hostId();
    String tenant = agent.tenantId();
    int staticDataId = agent.staticDataId();
    HostIdInfo file = hostIdInfo.get();
    if (file != null) {
      host = file.hostId() != 0 ? file.hostId() : host;
      bkBizId = file.bizId() != 0 ? file.bizId() : bkBizId;
      cloud = file.cloudId() != 0 ? file.cloudId() : cloud;
      ip = ip.isEmpty() ? file.innerIp() : ip;
      tenant = file.tenantId().isEmpty() ? tenant : file.tenantId();
      staticDataId = file.dataId() != 0 ? file.dataId() : staticDataId;
    }
    if (dynamicAddressing) {
      ip = "";
    }
    return new AgentInfo(agent.bizId(), bkBizId, cloud, ip, agent.agentId(), tenant, staticDataId,
        host, agent.hostname());
  }
}
