package io.bkmonitorbeat.host.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the agent was started.
 *
 * @param configFile the main configuration file
 * @param pluginsDir the directory of plugin jars
 * @param checkOnly run every task once and stop (the {@code -check} flag; the config's {@code
 *     mode: check} has the same effect)
 */
public record AgentOptions(Path configFile, Path pluginsDir, boolean checkOnly) {
  /** Validates the components. */
  public AgentOptions {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(pluginsDir, "pluginsDir");
  }
}
