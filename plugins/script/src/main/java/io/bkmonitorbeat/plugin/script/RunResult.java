package io.bkmonitorbeat.plugin.script;

import java.util.Objects;

/**
 * What one run of a command gave.
 *
 * @param outcome how the run ended
 * @param output stdout of the last stage and stderr of every stage (empty unless completed)
 * @param message why the run failed, for the log (empty when completed)
 */
record RunResult(Outcome outcome, byte[] output, String message) {

  /** How a run ended. */
  enum Outcome {
    /** Every stage exited with status 0. */
    COMPLETED,
    /** The command could not be started, a stage exited non-zero, or SSH failed. */
    FAILED,
    /** The run was killed at its timeout. */
    TIMED_OUT
  }

  /** Validates the components. */
  RunResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(message, "message");
  }

  static RunResult completed(byte[] output) {
    return new RunResult(Outcome.COMPLETED, output, "");
  }

  static RunResult failed(String message) {
    return new RunResult(Outcome.FAILED, new byte[0], message);
  }

  static RunResult timedOut(String message) {
    return new RunResult(Outcome.TIMED_OUT, new byte[0], message);
  }
}
