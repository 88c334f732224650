package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.host.config.HostIdInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the one output the main config's {@code output} section names. Stateless.
 *
 * <p>GSE output names: {@code gse}, {@code bkpipe} (legacy alias), {@code bkpipe_ignore}, {@code
 * bkpipe_multi}, {@code bkpipe_multi_ignore}. All make a {@link GseOutput}: the {@code _ignore}
 * variants only skipped Go's start-up connection check, and we never block start-up on the agent;
 * the {@code _multi} routing to per-task outputs is unused by bkmonitorbeat tasks. {@code console}
 * makes a {@link ConsoleOutput} on stdout. An output section with {@code enabled: false} does not
 * count, as in libbeat.
 */
public final class Outputs {
  private static final Set<String> GSE_NAMES =
      Set.of("gse", "bkpipe", "bkpipe_ignore", "bkpipe_multi", "bkpipe_multi_ignore");
  private static final String CONSOLE = "console";

  private Outputs() {}

  /**
   * Creates the configured output (not started).
   *
   * @param output the main config's {@code output} map
   * @param hostIdInfo the current host-id file content, asked repeatedly; must be thread-safe
   * @param dataDir the data directory ({@code gseindex.json} lives there)
   * @throws ConfigException if not exactly one output is configured, or a value is invalid
   */
  public static Output create(Settings output, Supplier<HostIdInfo> hostIdInfo, Path dataDir) {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(hostIdInfo, "hostIdInfo");
    Objects.requireNonNull(dataDir, "dataDir");
    List<String> enabled = new ArrayList<>();
    for (String key : output.keys()) {
      if (!GSE_NAMES.contains(key) && !CONSOLE.equals(key)) {
        throw output.error(key, "is not a known output (one of " + CONSOLE + ", "
            + String.join(", ", GSE_NAMES.stream().sorted().toList()) + ")");
      }
      if (isEnabled(output, key)) {
        enabled.add(key);
      }
    }
    if (enabled.size() != 1) {
      throw output.error("exactly one output must be configured, found "
          + (enabled.isEmpty() ? "none" : enabled.size() + ": " + enabled));
    }
    String name = enabled.get(0);
    if (CONSOLE.equals(name)) {
      return new ConsoleOutput(System.out, hostIdInfo);
    }
    return new GseOutput(GseConfig.from(output.section(name)), hostIdInfo, dataDir);
  }

  private static boolean isEnabled(Settings output, String key) {
    Object raw = output.raw(key).orElse(null);
    if (raw == null || raw instanceof Boolean) {
      // "console:" with no body is YAML null: present but empty. "gse: false" disables.
      return !Boolean.FALSE.equals(raw) && output.keys().contains(key);
    }
    return output.section(key).bool("enabled", true);
  }
}
