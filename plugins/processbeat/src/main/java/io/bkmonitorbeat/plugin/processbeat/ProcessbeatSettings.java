package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of a processbeat child config (spec 5.1).
 *
 * @param perfDataId {@code perfdataid}: perf events when not 0
 * @param portDataId {@code portdataid}: port events when not 0
 * @param topDataId {@code topdataid}: parsed, unused (as in the original)
 * @param convergePid {@code converge_pid}: report slot numbers instead of pids
 * @param maxNoListenPorts {@code max_nolisten_ports}: cap of a {@code nonlisten} list (100 when
 *     not above 0)
 * @param disableNetlink {@code disable_netlink}: read sockets from {@code /proc/net}
 * @param disabled {@code disable}
 * @param processes the process definitions, duplicates dropped
 */
record ProcessbeatSettings(
    int perfDataId,
    int portDataId,
    int topDataId,
    boolean convergePid,
    int maxNoListenPorts,
    boolean disableNetlink,
    boolean disabled,
    List<ProcessConfig> processes) {

  static final int DEFAULT_MAX_NOLISTEN_PORTS = 100;

  static ProcessbeatSettings parse(TaskSpec task) {
    return parse(task, Settings.empty());
  }

  /**
   * Parses the task; {@code disable_netlink} may come from the task, its section or the main
   * file's {@code bkmonitorbeat} section ({@code agent}), where the original reads it.
   */
  static ProcessbeatSettings parse(TaskSpec task, Settings agent) {
    Settings s = task.settings();
    Set<ProcessConfig> processes = new LinkedHashSet<>();
    for (Settings item : s.sections("processes")) {
      ProcessConfig config = ProcessConfig.parse(item);
      if (config.name().isEmpty()) {
        throw item.error("name", "is required");
      }
      processes.add(config);
    }
    // Gap 16: the original's YAML tag was broken, so procconf wrote 'maxnolistenports' while
    // processbeat read 'max_nolisten_ports'. Both are read here; the correct key wins.
    int max = s.has("max_nolisten_ports")
        ? s.integer("max_nolisten_ports", 0)
        : s.integer("maxnolistenports", 0);
    return new ProcessbeatSettings(
        s.integer("perfdataid", 0),
        s.integer("portdataid", 0),
        s.integer("topdataid", 0),
        s.bool("converge_pid", false),
        max > 0 ? max : DEFAULT_MAX_NOLISTEN_PORTS,
        s.bool("disable_netlink", false) || task.section().bool("disable_netlink", false)
            || agent.bool("disable_netlink", false),
        s.bool("disable", false),
        List.copyOf(new ArrayList<>(processes)));
  }

  /** The original creates the task only when this holds. */
  boolean enabled() {
    return !disabled && !processes.isEmpty()
        && (perfDataId != 0 || portDataId != 0 || topDataId != 0);
  }
}
