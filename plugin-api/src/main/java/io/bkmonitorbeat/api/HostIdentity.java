package io.bkmonitorbeat.api;

import java.util.Objects;

/**
 * Who this host is, as the GSE agent and the CMDB host-id file say: the values a custom-report
 * event puts into its dimensions ({@code ip}, {@code bk_cloud_id}, {@code bk_agent_id}, {@code
 * node_id}). Unknown strings are empty and unknown numbers 0.
 *
 * @param ip the agent's IP address
 * @param cloudId the BlueKing cloud area id
 * @param bizId the business id
 * @param agentId the GSE agent id ({@code bk_agent_id})
 * @param hostId the CMDB host id ({@code bk_host_id})
 * @param hostname the operating system's host name
 * @since 1.0.0
 */
public record HostIdentity(
    String ip, int cloudId, int bizId, String agentId, int hostId, String hostname) {

  /** Validates the components. */
  public HostIdentity {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** Returns the node id {@code "<cloudId>:<ip>"}. */
  public String nodeId() {
    return cloudId + ":" + ip;
  }
}
