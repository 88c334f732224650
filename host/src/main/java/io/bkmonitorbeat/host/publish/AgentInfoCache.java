package io.bkmonitorbeat.host.publish;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the agent last said about this host (merged over all answers), plus the overrides of spec
 * 2.10 on demand. Thread-safe: reader threads merge under a lock, everyone else reads a snapshot.
 */
final class AgentInfoCache {
  private final AgentInfoResolver resolver;
  private final AtomicReference<AgentInfo> fromAgent = new AtomicReference<>(AgentInfo.EMPTY);
  private final Object mergeLock = new Object();

  AgentInfoCache(AgentInfoResolver resolver) {
    this.resolver = resolver;
  }

  /** Merges one agent-info response body into the known info. */
  void merge(byte[] body) throws IOException {
    synchronized (mergeLock) { // a dying reader and a new one may overlap briefly
      fromAgent.set(AgentInfoDecoder.merge(fromAgent.get(), body, HostNames.osHostname()));
    }
  }

  /**
   * Returns whether the agent itself has identified the host. Data waits for this even when
   * overrides would fill in an IP: without the agent's answer {@code bizid} and {@code
   * bk_agent_id} would be wrong on every event.
   */
  boolean agentAnswered() {
    return !fromAgent.get().isEmpty();
  }

  /** Returns the agent's info after the overrides. */
  AgentInfo resolved() {
    return resolver.resolve(fromAgent.get());
  }
}
