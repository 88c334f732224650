package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.proc.GoRegex;
import io.bkmonitorbeat.proc.ProcessInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/** The per-process dimensions of spec 7.2 steps 3-4. Stateless; thread-safe. */
final class Dimensions {
  private Dimensions() {}

  /**
   * The {@code process_name} dimension: without a {@code process_name} regex, the basename of
   * the first token of the command line; a regex without groups gives its own source text; with
   * groups, the last group of the last match ("" when none matched).
   */
  static String processName(GoRegex regex, ProcessInfo process) {
    if (regex == null) {
      String token = process.firstToken();
      return ProcessInfo.basename(token.isEmpty() ? process.name() : token);
    }
    Matcher matcher = regex.pattern().matcher(process.cmdline());
    if (matcher.groupCount() == 0) {
      return regex.source();
    }
    String last = "";
    while (matcher.find()) {
      String group = matcher.group(matcher.groupCount());
      last = group == null ? "" : group;
    }
    return last;
  }

  /** The named groups of every match of {@code pattern}; later matches overwrite. */
  static Map<String, String> extracted(GoRegex regex, String cmdline) {
    Map<String, String> dims = new LinkedHashMap<>();
    if (regex == null) {
      return dims;
    }
    Matcher matcher = regex.pattern().matcher(cmdline);
    while (matcher.find()) {
      regex.groupNames().forEach((javaName, name) -> {
        String value = matcher.group(javaName);
        dims.put(name, value == null ? "" : value);
      });
    }
    return dims;
  }
}
