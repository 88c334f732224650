package io.bkmonitorbeat.host.runtime;

import java.util.Objects;

/**
 * A configured task (or child file) that does not run, and why: it is counted in the heartbeat's
 * {@code error_tasks} and logged.
 *
 * @param where the file and task, e.g. {@code /etc/child/tcp.conf tasks[0] (tcp/42)}
 * @param reason why it does not run
 */
record TaskProblem(String where, String reason) {
  TaskProblem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return where + ": " + reason;
  }
}
