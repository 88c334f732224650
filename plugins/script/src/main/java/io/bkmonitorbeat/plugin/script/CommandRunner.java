package io.bkmonitorbeat.plugin.script;

/**
 * Runs a task's command once and returns its output: locally ({@link LocalRunner}) or on a
 * remote host ({@link SshRunner}). Runs of one runner never overlap (the host does not overlap
 * runs of a task); {@link #close()} may come from another thread and ends a run in flight.
 */
interface CommandRunner extends AutoCloseable {

  /**
   * Runs the command, killing it when {@code deadlineNanos} (on {@link System#nanoTime()}'s
   * scale) passes.
   *
   * @throws InterruptedException if the thread was interrupted; whatever was started is killed
   */
  RunResult run(long deadlineNanos) throws InterruptedException;

  /** Kills a run in flight, if any. Idempotent. */
  @Override
  void close();
}
