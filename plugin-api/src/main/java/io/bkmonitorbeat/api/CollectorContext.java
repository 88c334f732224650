package io.bkmonitorbeat.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadFactory;

/**
 * What the host gives the collector of one task. Thread-safe; a collector may keep it for its
 * whole life.
 *
 * @since 1.0.0
 */
public interface CollectorContext {

  /** Returns the task's cleaned configuration. */
  TaskSpec task();

  /** Returns the sink for this task's events. */
  EventSink sink();

  /** Returns the wall clock; use it for event timestamps and deadlines. */
  Clock clock();

  /**
   * Returns a monotonic time in nanoseconds, for measuring durations (not related to wall time).
   */
  long nanoTime();

  /**
   * Returns a factory for the collector's own threads. They are daemon threads named {@code
   * collector-<type>-<taskId>-<purpose>-N} with the plugin's class loader as context class loader,
   * and the host tracks them: after {@link Collector#close()} every one of them must have ended
   * (survivors are reported, because they keep the plugin's classes in memory).
   *
   * @param purpose a short word for the log, for example {@code "listener"}
   */
  ThreadFactory threadFactory(String purpose);

  /**
   * Returns a directory private to this task that survives restarts (offsets, caches); it is
   * created on first call and keyed by the task's type and id.
   *
   * @throws IOException if the directory cannot be created
   */
  Path stateDirectory() throws IOException;

  /** Returns the host's current identity (from the GSE agent and the CMDB host-id file). */
  HostIdentity hostIdentity();

  /**
   * Returns the concurrency limiter of this task: acquire one permit per probe (for example per
   * target address) so that the operator's {@code concurrency_limit.task.<type>} is honoured.
   */
  ConcurrencyLimiter limiter();

  /**
   * Returns the current content of the CMDB host-id file (its addresses and process
   * definitions). The host re-reads the file when it changes; call this on every run rather than
   * keeping the result. A host that does not read the file returns {@link HostCmdb#NONE}.
   *
   * @since 1.1.0
   */
  default HostCmdb hostCmdb() {
    return HostCmdb.NONE;
  }

  /**
   * Asks the host to reload its whole configuration (main file and child files), for a collector
   * that has just written a child configuration file. The host coalesces requests that arrive
   * close together into one reload, which runs later on the host's own thread (the same path as
   * {@code SIGUSR1} and the include-directory watcher); this method returns at once. Unchanged
   * tasks, this one included, keep running across the reload.
   *
   * @param reason a short text for the host's log, for example {@code "procconf wrote x.conf"}
   * @return whether the request was accepted; false from a host that cannot reload (the default)
   * @since 1.1.0
   */
  default boolean requestReload(String reason) {
    return false;
  }

  /**
   * Returns the data id of gather-up events ({@code bkm_gather_up}, spec 9.5): the main file's
   * {@code bkmonitorbeat.gather_up_beat.dataid}. A collector that reports its run status as a
   * gather-up event (script, metricbeat) sends none when this is 0, as the original's output
   * rejects data id 0. A host that does not know the value returns 0 (the default).
   *
   * @since 1.2.0
   */
  default int gatherUpDataId() {
    return 0;
  }

  /**
   * Returns the agent-wide settings: the main file's {@code bkmonitorbeat} section as of the last
   * start or reload, for the global keys some collectors honour (e.g. {@code disable_netlink} for
   * the socket detectors of the process collectors). Read-only. Where a key may be set both here
   * and in the task, the task's value is the more specific one. A host that does not offer them
   * returns {@link Settings#empty()} (the default). May be called from any thread; a running
   * collector sees the values of a reload on its next call.
   *
   * @since 1.2.0
   */
  default Settings agentSettings() {
    return Settings.empty();
  }
}
