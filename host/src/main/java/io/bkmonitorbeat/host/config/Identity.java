package io.bkmonitorbeat.host.config;

import java.util.Objects;

/**
 * Who this agent says it is: {@code node_id}, {@code ip}, {@code bk_biz_id}, {@code bk_cloud_id}
 * of {@code bkmonitorbeat:}, after the host-id file override of spec 3.6 (the main file's values
 * are effectively placeholders).
 */
public record Identity(String nodeId, String ip, int bizId, int cloudId) {
  /** Validates the components. */
  public Identity {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(ip, "ip");
  }

  /**
   * Applies the host-id file (spec 3.6): its IP and cloud id replace ours, {@code node_id} becomes
   * {@code <cloud>:<ip>}, and a non-zero biz id replaces ours. {@link HostIdInfo#EMPTY} (no file)
   * changes nothing, because overriding with empty values would lose the configured ones.
   */
  Identity overriddenBy(HostIdInfo info) {
    if (info.equals(HostIdInfo.EMPTY)) {
      return this;
    }
    String newIp = info.innerIp().isEmpty() ? ip : info.innerIp();
    int newBiz = info.bizId() != 0 ? info.bizId() : bizId;
    return new Identity(info.cloudId() + ":" + newIp, newIp, newBiz, info.cloudId());
  }
}
