package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the kernel log's OOM reports record by record (spec 4.6, after cAdvisor's oomparser):
 * a record with {@code invoked oom-killer:} opens a report; it ends with the one-line summary
 * {@code oom-kill:constraint=...,task=...,pid=...,uid=...} (kernel 5.0 and later) or with {@code
 * Killed process <pid> (<name>)} (older kernels, where {@code Task in <a> killed as a result of
 * limit of <b>} on the way names the memory cgroups).
 *
 * <p>Differences from the original, each a fix: the summary line is read as key=value fields, so
 * a system-wide OOM ({@code global_oom} instead of {@code oom_memcg=...}) also yields its
 * constraint and the task's cgroup rather than falling through to the {@code Killed process} line
 * with empty values; and a new {@code invoked oom-killer:} while a report is open restarts the
 * report instead of being swallowed. Not thread-safe; confined to the kernel-log reader thread.
 */
final class OomParser {
  private static final String START = "invoked oom-killer:";
  private static final Pattern LEGACY_MEMCG =
      Pattern.compile("Task in (.*) killed as a result of limit of (.*)");
  private static final Pattern KILLED = Pattern.compile("Killed process ([0-9]+) \\((.+)\\)");
  private static final String SUMMARY = "oom-kill:";

  private boolean open;
  private String oomMemcg;
  private String taskMemcg;

  /** Feeds one record; returns the kill it completes, if any. */
  Optional<OomKill> feed(KmsgRecord record) {
    String message = record.message();
    if (message.contains(START)) {
      open = true;
      oomMemcg = "/";
      taskMemcg = "/";
      return Optional.empty();
    }
    if (!open) {
      return Optional.empty();
    }
    int summary = message.indexOf(SUMMARY);
    if (summary >= 0) {
      Optional<OomKill> kill = summary(message.substring(summary + SUMMARY.length()), record);
      if (kill.isPresent()) {
        open = false;
        return kill;
      }
    }
    Matcher legacy = LEGACY_MEMCG.matcher(message);
    if (legacy.find()) {
      taskMemcg = joinRoot(legacy.group(1));
      oomMemcg = joinRoot(legacy.group(2));
    }
    Matcher killed = KILLED.matcher(message);
    if (killed.find()) {
      open = false;
      return Optional.of(new OomKill(killed.group(2), Long.parseLong(killed.group(1)), "",
          oomMemcg, taskMemcg, record.monotonicMicros()));
    }
    return Optional.empty();
  }

  /**
   * Reads {@code constraint=..,nodemask=..,cpuset=..,mems_allowed=..,(oom_memcg=..|global_oom),
   * task_memcg=..,task=..,pid=..,uid=..}. Values may contain commas (a nodemask such as {@code
   * 0-1,3}), so a comma starts a new field only when a known key follows.
   */
  private Optional<OomKill> summary(String text, KmsgRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher keys = Pattern.compile(
        "(?:^|,)(constraint|nodemask|cpuset|mems_allowed|oom_memcg|task_memcg|task|pid|uid)="
            + "|,global_oom").matcher(text);
    String key = null;
    int valueStart = 0;
    while (keys.find()) {
      if (key != null) {
        fields.put(key, text.substring(valueStart, keys.start()));
      }
      key = keys.group(1);
      valueStart = keys.end();
    }
    if (key != null) {
      fields.put(key, text.substring(valueStart).strip());
    }
    String task = fields.get("task");
    String pid = fields.get("pid");
    if (task == null || pid == null || !pid.matches("[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(new OomKill(task, Long.parseLong(pid), fields.getOrDefault("constraint", ""),
        fields.getOrDefault("oom_memcg", "/"), fields.getOrDefault("task_memcg", "/"),
        record.monotonicMicros()));
  }

  /** Go's {@code path.Join("/", p)}: rooted and cleaned. */
  static String joinRoot(String path) {
    StringBuilder out = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
        continue;
      }
      out.append('/').append(part);
    }
    return out.length() == 0 ? "/" : out.toString();
  }
}
