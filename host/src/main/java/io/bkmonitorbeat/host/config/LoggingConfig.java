package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code logging.*} keys (spec 3.4), for the logback set-up.
 *
 * @param level {@code critical|error|warning|info|debug} (lower case), default {@code info}
 * @param path directory of {@code bkmonitorbeat.log}; empty means the log goes to stderr
 * @param maxSizeMb rotation size in MB, default 10 (libbeat's)
 * @param maxAgeDays rotation age in days, 0 = no age limit
 * @param backups rotated files kept, default 7 (libbeat's)
 * @param stdout also log to standard output
 */
public record LoggingConfig(
    String level, String path, int maxSizeMb, int maxAgeDays, int backups, boolean stdout) {
  /** Validates the components. */
  public LoggingConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(path, "path");
  }

  static LoggingConfig from(Settings logging) {
    String level = logging.string("level", "info").trim().toLowerCase(Locale.ROOT);
    if (!level.matches("critical|error|warn|warning|info|debug")) {
      throw logging.error("level", "must be critical, error, warning, info or debug");
    }
    return new LoggingConfig(
        level,
        logging.string("path", ""),
        logging.integer("maxsize", 10),
        logging.integer("maxage", 0),
        logging.integer("backups", 7),
        logging.bool("stdout", false));
  }
}
