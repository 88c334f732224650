package io.bkmonitorbeat.host.publish;

import java.util.Objects;

/**
 * What the GSE agent says about this host (agent-info response, spec 2.5), after the overrides of
 * spec 2.10. Unknown strings are empty, unknown numbers 0. Immutable.
 *
 * @param bizId {@code bizid} (legacy business id)
 * @param bkBizId {@code bk_biz_id}
 * @param cloudId {@code cloudid}
 * @param ip {@code ip}
 * @param agentId {@code bk_agent_id}
 * @param tenantId {@code bk_tenant_id}
 * @param staticDataId {@code static_dataid}
 * @param hostId {@code hostid} / {@code bk_host_id}
 * @param hostname the operating system's host name
 */
public record AgentInfo(
    int bizId,
    int bkBizId,
    int cloudId,
    String ip,
    String agentId,
    String tenantId,
    int staticDataId,
    int hostId,
    String hostname) {

  /** Nothing known yet. */
  public static final AgentInfo EMPTY = new AgentInfo(0, 0, 0, "", "", "", 0, 0, "");

  /** Validates the components. */
  public AgentInfo {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** Returns whether the agent has not identified the host: both ip and agent id are empty. */
  public boolean isEmpty() {
    return ip.isEmpty() && agentId.isEmpty();
  }
}
