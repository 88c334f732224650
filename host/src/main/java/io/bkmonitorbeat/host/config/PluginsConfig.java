package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code plugins:} section of the main file (new in this agent; the original has no plugins):
 *
 * <pre>
 * plugins:
 *   watch: true              # load, unload and replace jars in plugins/ while running
 *   settle: 300ms            # a new or changed jar must stay unchanged this long before it loads
 *   restart_on_leak: false   # exit with status 75 when an unloaded plugin's class loader leaks
 *   trust_file: ""           # default: etc/plugins.trust of the installation; required if present
 * </pre>
 *
 * Immutable.
 *
 * @param watch whether the host watches {@code plugins/} ({@code -reload}/SIGUSR1 rescans anyway)
 * @param settle the settle time, 0 to 1 minute
 * @param restartOnLeak whether a leaked plugin class loader makes the agent exit for a restart
 * @param trustFile the trust file, relative to the main file's directory; empty for the default
 */
public record PluginsConfig(
    boolean watch, Duration settle, boolean restartOnLeak, Optional<Path> trustFile) {
  /** The exit status that asks the service manager for a restart (sysexits' EX_TEMPFAIL). */
  public static final int RESTART_EXIT_STATUS = 75;

  /** Validates the components. */
  public PluginsConfig {
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(trustFile, "trustFile");
  }

  /** Reads the section; bad values throw naming the key. */
  static PluginsConfig from(Settings plugins, Path mainFile) {
    Duration settle = plugins.duration("settle", Duration.ofMillis(300));
    if (settle.isNegative() || settle.compareTo(Duration.ofMinutes(1)) > 0) {
      throw plugins.error("settle", "must be between 0s and 1m");
    }
    Optional<Path> trust = plugins.string("trust_file").map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> PathConfig.configDir(mainFile).resolve(s).normalize());
    return new PluginsConfig(plugins.bool("watch", true), settle,
        plugins.bool("restart_on_leak", false), trust);
  }
}
