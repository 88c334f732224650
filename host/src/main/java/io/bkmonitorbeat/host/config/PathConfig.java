package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code path.*} keys (spec 3.4). As in libbeat, relative {@code data}, {@code logs} and
 * {@code pid} resolve against {@code home}; {@code home} itself (libbeat: the executable's
 * directory) defaults to the main config file's directory and resolves against it, so an
 * installation works from any working directory. The node manager's templates use absolute
 * paths, which are unaffected.
 *
 * @param home {@code path.home}, default the main config file's directory
 * @param data {@code path.data}, default {@code <home>/data}
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
    Path configDir = configDir(mainFile);
    Path home = configDir.resolve(path.string("home", ".")).normalize();
    Path data = home.resolve(path.string("data", "data")).normalize();
    Path logs = home.resolve(path.string("logs", "logs")).normalize();
    Path pid = path.string("pid").map(home::resolve).orElse(configDir).resolve(PID_FILE).normalize();
    return new PathConfig(home, data, logs, pid);
  }

  /** Returns the absolute directory of the main config file. */
  static Path configDir(Path mainFile) {
    return mainFile.toAbsolutePath().getParent();
  }
}
