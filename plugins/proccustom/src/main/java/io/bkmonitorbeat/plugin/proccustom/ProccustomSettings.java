package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.proc.GoRegex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * The keys of a proccustom child config ({@code monitor_process*.conf}, spec 7.1), validated up
 * front: a bad regex or an empty {@code match_pattern} without {@code pid_path} is a config error
 * naming the file and key (gap 19: the original silently matched nothing).
 *
 * @param dataId {@code dataid}: perf events when above 0; a negative value is port-only mode
 * @param portDataId {@code port_dataid}
 * @param matchPattern {@code match_pattern}, searched in the command line (null with a pid file)
 * @param excludePattern {@code exclude_pattern} (null when empty)
 * @param processName {@code process_name} (null when empty)
 * @param extractPattern {@code extract_pattern} (null when empty)
 * @param pidPath {@code pid_path} (null when empty)
 * @param portDetect {@code port_detect}
 * @param disableMapping {@code disable_mapping}: report real pids
 * @param disableNetlink {@code disable_netlink}: read sockets from /proc/net
 * @param labels the label maps that carry {@code bk_target_ip} and {@code bk_target_cloud_id}
 * @param tags {@code tags}
 */
record ProccustomSettings(
    int dataId,
    int portDataId,
    GoRegex matchPattern,
    GoRegex excludePattern,
    GoRegex processName,
    GoRegex extractPattern,
    Path pidPath,
    boolean portDetect,
    boolean disableMapping,
    boolean disableNetlink,
    List<Map<String, String>> labels,
    Map<String, String> tags) {

  static ProccustomSettings parse(TaskSpec task) {
    return parse(task, Settings.empty());
  }

  /**
   * Parses the task; {@code disable_netlink} may come from the task, its section or the main
   * file's {@code bkmonitorbeat} section ({@code agent}), where the original reads it.
   */
  static ProccustomSettings parse(TaskSpec task, Settings agent) {
    Settings s = task.settings();
    String pidPath = s.string("pid_path", "").strip();
    GoRegex match = regex(s, "match_pattern");
    if (match == null && pidPath.isEmpty()) {
      throw s.error("match_pattern", "must not be empty (it would match no process); set"
          + " match_pattern or pid_path");
    }
    List<Map<String, String>> labels = task.labels().stream()
        .filter(l -> l.containsKey("bk_target_ip") && l.containsKey("bk_target_cloud_id"))
        .toList();
    return new ProccustomSettings(
        s.integer("dataid", task.dataId()),
        s.integer("port_dataid", 0),
        match,
        regex(s, "exclude_pattern"),
        regex(s, "process_name"),
        regex(s, "extract_pattern"),
        pidPath.isEmpty() ? null : Path.of(pidPath),
        s.bool("port_detect", false),
        s.bool("disable_mapping", false),
        s.bool("disable_netlink", false) || task.section().bool("disable_netlink", false)
            || agent.bool("disable_netlink", false),
        labels,
        s.stringMap("tags"));
  }

  private static GoRegex regex(Settings s, String key) {
    String text = s.string(key, "");
    if (text.isEmpty()) {
      return null;
    }
    try {
      return GoRegex.compile(text);
    } catch (PatternSyntaxException e) {
      throw s.error(key, "is not a valid regex: " + e.getDescription());
    }
  }

  /** Whether perf events are sent. */
  boolean perfEnabled() {
    return dataId > 0;
  }

  /** Whether port events are sent. */
  boolean portEnabled() {
    return portDetect && portDataId > 0;
  }
}
