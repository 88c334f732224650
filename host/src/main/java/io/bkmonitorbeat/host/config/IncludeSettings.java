package io.bkmonitorbeat.host.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bkmonitorbeat.include} and {@code multi_child_dir} (spec 4.1).
 *
 * @param dir the child-config directory as configured; empty when not configured
 * @param recursive {@code multi_child_dir}: descend into sub-directories
 */
public record IncludeSettings(String dir, boolean recursive) {
  /** Validates the components. */
  public IncludeSettings {
    Objects.requireNonNull(dir, "dir");
  }

  /** Returns whether {@code include} is configured (the heartbeat reports 111 when not). */
  public boolean configured() {
    return !dir.isBlank();
  }

  /** Returns the directory, if configured. A relative {@code include} was resolved against the main file's directory. */
  public Optional<Path> path() {
    return configured() ? Optional.of(Path.of(dir.trim())) : Optional.empty();
  }
}
