package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.host.publish.AgentInfo;
import io.bkmonitorbeat.host.publish.Output;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * The host identity plugins see ({@link io.bkmonitorbeat.api.CollectorContext#hostIdentity()}):
 * the GSE agent's answer where there is one, else the node identity of the configuration (console
 * output, or before the agent answered). Thread-safe.
 */
final class IdentitySource implements Supplier<HostIdentity> {
  private final Output output;
  private final Supplier<Enrichment> enrichment;
  private final Supplier<Integer> bizId;
  private final String localHostname = localHostname();

  IdentitySource(Output output, Supplier<Enrichment> enrichment, Supplier<Integer> bizId) {
    this.output = output;
    this.enrichment = enrichment;
    this.bizId = bizId;
  }

  @Override
  public HostIdentity get() {
    AgentInfo agent = output.agentInfo();
    Enrichment node = enrichment.get();
    if (agent.isEmpty()) {
      return new HostIdentity(node.ip(), node.cloudId(), bizId.get(), agent.agentId(),
          agent.hostId(), localHostname);
    }
    return new HostIdentity(
        agent.ip().isEmpty() ? node.ip() : agent.ip(),
        agent.cloudId(),
        agent.bkBizId() != 0 ? agent.bkBizId() : bizId.get(),
        agent.agentId(),
        agent.hostId(),
        agent.hostname().isEmpty() ? localHostname : agent.hostname());
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }
}
