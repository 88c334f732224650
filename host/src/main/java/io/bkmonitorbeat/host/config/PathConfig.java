package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code path.*} keys (spec 3.4).
 *
 * @param home {@code path.home}, default the working directory ({@code .})
 * @param data {@code path.data}, default {@code <home>/data} (i.e. {@code ./data})
 * @param logs {@code path.logs}, default {@code <home>/logs}
 * @param pidFile {@code <path.pid>/bkmonitorbeat.pid}, else {@code bkmonitorbeat.pid} next to the
 *     main config file
 */
public record PathConfig(Path home, Path data, Path logs, Path pidFile) {
  /** The pid file's name. */
  public static final String PID_FILE = "bkmonitorbeat.pid";

  /** Validates the components. */
  public PathConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(pidFile, "pidFile");
  }

  static PathConfig from(Settings path, Path mainFile) {
    Path home = Path.of(path.string("home", "."));
    Path data = path.string("data").map(Path::of).orElse(home.resolve("data"));
    Path logs = path.string("logs").map(Path::of).orElse(home.resolve("logs"));
    Path configDir = mainFile.toAbsolutePath().getParent();
    Path pid = path.string("pid").map(Path::of).orElse(configDir).resolve(PID_FILE);
    return new PathConfig(home, data, logs, pid);
  }
}
