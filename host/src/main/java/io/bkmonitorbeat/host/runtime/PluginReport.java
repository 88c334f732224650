package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.host.json.Json;
import io.bkmonitorbeat.host.plugin.PluginLeak;
import io.bkmonitorbeat.host.plugin.PluginStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's view of the plugins: one row per jar (id, version, provider, state, how many
 * tasks run on it, the task types it serves, why it failed) and the leaked class loaders. The
 * daemon writes it to {@code <path.data>/plugins.json} whenever it changes, so {@code
 * bin/bkmonitorbeat plugins} can print what the running agent sees; the same figures are in the
 * self-metrics. Immutable.
 *
 * @param plugins one row per jar, ordered by file name
 * @param leaked unloaded plugins whose class loader was not collected
 */
public record PluginReport(List<Row> plugins, List<PluginLeak> leaked) {
  /** The state file's name under {@code path.data}. */
  public static final String FILE_NAME = "plugins.json";

  /** Copies the components. */
  public PluginReport {
    plugins = List.copyOf(plugins);
    leaked = List.copyOf(leaked);
  }

  /**
   * One plugin jar.
   *
   * @param id the plugin id (the file name when the manifest could not be read)
   * @param version the plugin version
   * @param provider the plugin provider
   * @param jar the jar's file name
   * @param state {@code STARTED} or {@code FAILED}
   * @param tasks how many tasks run on it; -1 when unknown (no agent running)
   * @param types the task types it serves
   * @param failure why it failed, or why its replacement was rejected; empty when none
   */
  public record Row(String id, String version, String provider, String jar, String state,
      int tasks, List<String> types, String failure) {}

  /** Joins the catalog's statuses with the running tasks per plugin (null: unknown). */
  public static PluginReport of(
      List<PluginStatus> statuses, Map<String, Integer> tasksByPlugin, List<PluginLeak> leaked) {
    List<Row> rows = new ArrayList<>();
    for (PluginStatus status : statuses) {
      int tasks = tasksByPlugin == null ? -1
          : status.running() ? tasksByPlugin.getOrDefault(status.id(), 0) : 0;
      rows.add(new Row(status.id(), status.version(), status.provider(),
          status.jar().getFileName().toString(), status.state(), tasks, status.types(),
          status.failure()));
    }
    return new PluginReport(rows, leaked);
  }

  /**
   * Returns the per-plugin self-metrics: {@code plugin_<id>_tasks} and {@code plugin_<id>_up}
   * (1 running, 0 failed) for every plugin, and {@code plugins_running}, {@code plugins_failed}.
   */
  public Map<String, Object> metrics() {
    Map<String, Object> metrics = new TreeMap<>();
    metrics.put("plugins_running", plugins.stream().filter(r -> r.state.equals("STARTED")).count());
    metrics.put("plugins_failed", plugins.stream().filter(r -> !r.state.equals("STARTED")).count());
    for (Row row : plugins) {
      String key = "plugin_" + row.id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
      metrics.put(key + "_up", row.state.equals("STARTED") ? 1 : 0);
      if (row.tasks >= 0) {
        metrics.put(key + "_tasks", row.tasks);
      }
    }
    return metrics;
  }

  /** Writes the report to {@code file} atomically (temp file and rename). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temp, Json.pretty(toJson()));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a report written by {@link #write}. */
  public static PluginReport read(Path file) throws IOException {
    try {
      Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readAllBytes(file));
      List<Row> rows = new ArrayList<>();
      for (Object item : (List<?>) json.get("plugins")) {
        Map<?, ?> row = (Map<?, ?>) item;
        rows.add(new Row((String) row.get("id"), (String) row.get("version"),
            (String) row.get("provider"), (String) row.get("jar"), (String) row.get("state"),
            ((Number) row.get("tasks")).intValue(), strings(row.get("types")),
            (String) row.get("failure")));
      }
      List<PluginLeak> leaks = new ArrayList<>();
      for (Object item : (List<?>) json.get("leaked")) {
        Map<?, ?> leak = (Map<?, ?>) item;
        leaks.add(new PluginLeak((String) leak.get("pluginId"), (String) leak.get("version"),
            strings(leak.get("threads"))));
      }
      return new PluginReport(rows, leaks);
    } catch (ClassCastException | NullPointerException e) {
      throw new IOException(file + " is not a plugin report: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> toJson() {
    List<Object> rows = new ArrayList<>();
    for (Row row : plugins) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", row.id);
      json.put("version", row.version);
      json.put("provider", row.provider);
      json.put("jar", row.jar);
      json.put("state", row.state);
      json.put("tasks", row.tasks);
      json.put("types", row.types);
      json.put("failure", row.failure);
      rows.add(json);
    }
    List<Object> leaks = new ArrayList<>();
    for (PluginLeak leak : leaked) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("pluginId", leak.pluginId());
      json.put("version", leak.version());
      json.put("threads", leak.threads());
      leaks.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("plugins", rows);
    json.put("leaked", leaks);
    return json;
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String.class::cast).toList();
  }

  /** Prints the report as a table (the {@code plugins} command). */
  public void print(PrintStream out) {
    String format = "%-16s %-10s %-16s %-8s %-5s %s%n";
    out.printf(format, "ID", "VERSION", "PROVIDER", "STATE", "TASKS", "TYPES / FAILURE");
    for (Row row : plugins) {
      String detail = String.join(",", row.types);
      if (!row.failure.isEmpty()) {
        detail = detail.isEmpty() ? row.failure : detail + "; " + row.failure;
      }
      out.printf(format, row.id, row.version, row.provider, row.state,
          row.tasks < 0 ? "-" : String.valueOf(row.tasks), detail);
    }
    for (PluginLeak leak : leaked) {
      out.printf(format, leak.pluginId(), leak.version(), "", "LEAKED", "0",
          "unloaded, class loader not collected; threads: " + leak.threads());
    }
  }

  /** Returns whether every plugin runs and none leaked. */
  public boolean healthy() {
    return leaked.isEmpty() && plugins.stream().allMatch(r -> r.state.equals("STARTED") && r.failure.isEmpty());
  }
}
