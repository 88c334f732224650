package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every task's {@link io.bkmonitorbeat.api.CollectorContext} shows of the agent, each read
 * when a collector asks, so a reload or a new host-id file is seen without recreating contexts.
 *
 * @param identity the host identity ({@code hostIdentity()})
 * @param cmdb the host-id file's current content ({@code hostCmdb()})
 * @param reloads queues a reload for a reason; false when the host will not reload ({@code
 *     requestReload()})
 * @param settings the main file's current {@code bkmonitorbeat} section ({@code agentSettings()},
 *     {@code gatherUpDataId()})
 */
record AgentView(
    Supplier<HostIdentity> identity,
    Supplier<HostCmdb> cmdb,
    Predicate<String> reloads,
    Supplier<Settings> settings) {

  /** A view with {@code identity}, no host-id file, no reloads and an empty section (tests). */
  static AgentView of(Supplier<HostIdentity> identity) {
    return new AgentView(identity, () -> HostCmdb.NONE, reason -> false, Settings::empty);
  }
}
