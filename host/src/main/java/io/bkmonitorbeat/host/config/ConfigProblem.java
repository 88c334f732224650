package io.bkmonitorbeat.host.config;

import java.util.Objects;

/**
 * A child config file that was put aside (broken, empty, unknown type, or repeating another file's
 * task). The list of these is what the global heartbeat reports as {@code error_tasks} (gap G-12).
 *
 * @param file the file's path
 * @param reason why it was put aside
 */
public record ConfigProblem(String file, String reason) {
  /** Validates the components. */
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }
}
