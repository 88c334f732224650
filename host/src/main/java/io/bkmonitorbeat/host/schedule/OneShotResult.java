package io.bkmonitorbeat.host.schedule;

import java.time.Duration;

/**
 * The outcome of one check-mode run. Immutable.
 *
 * @param ident the task's ident
 * @param type the task's type
 * @param outcome how the run ended
 * @param elapsed from start until it ended or was abandoned
 * @param error what the task threw; {@code null} unless {@link Outcome#FAILED}
 */
public record OneShotResult(
    String ident, String type, Outcome outcome, Duration elapsed, Throwable error) {

  /** How a run ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Still running at its deadline: interrupted and abandoned. */
    TIMED_OUT
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }
}
