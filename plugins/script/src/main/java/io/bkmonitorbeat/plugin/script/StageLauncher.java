package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the stages of a local command, each the leader of its own session and process group,
 * with stdin from {@code /dev/null}, each stage's stdout feeding the next stage's stdin, the last
 * stage's stdout and every stage's stderr appended to one output file, and no other descriptor of
 * the agent inherited. Implementations: {@link NativeLauncher} (libc {@code posix_spawn} with
 * {@code POSIX_SPAWN_SETSID}) and {@link JdkLauncher} ({@code ProcessBuilder} and the {@code
 * setsid} program). Thread-safe.
 */
interface StageLauncher {

  /**
   * Starts the stages.
   *
   * @param argvs each stage's argument vector; the first word is an absolute executable path
   * @param environment the whole environment of every stage
   * @param output the file that collects the output
   * @throws IOException if a stage cannot be started (those already started are killed)
   */
  Stages start(List<List<String>> argvs, Map<String, String> environment, Path output) throws IOException;

  /** The stages of one run. Used by one thread, except {@link #kill()}, which any thread may call. */
  interface Stages {

    /**
     * Waits until every stage has exited or {@code deadlineNanos} (on {@link System#nanoTime()}'s
     * scale) passes.
     *
     * @return each stage's exit status (128 + n when killed by signal n), or null at the deadline
     * @throws InterruptedException if interrupted; the stages keep running (call {@link #kill()})
     */
    int[] await(long deadlineNanos) throws InterruptedException;

    /**
     * Sends SIGKILL to every stage's process group and to their descendants, then waits up to 2 s
     * for the stages to exit. Idempotent.
     *
     * @return the number of signals delivered
     */
    int kill();
  }
}
