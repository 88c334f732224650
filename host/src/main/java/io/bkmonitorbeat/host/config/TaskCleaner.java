package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans one task section (a {@code <x>_task} section of the main file, or a child file without
 * its wrapper keys) into {@link TaskSpec}s, exactly as spec 4.3: meta defaults, task defaults,
 * then the clamp steps 1-4, then the base ident (4.4).
 *
 * <p>A section with a {@code tasks:} list has a meta part (the section without {@code tasks},
 * whose {@code dataid} is required) and one task per item ({@code task_id} required). A section
 * without {@code tasks} is one task whose settings are the section itself (host collectors such as
 * {@code basereport}). An empty section gives nothing. Errors throw a {@link ConfigException}.
 * Stateless; thread-safe.
 */
final class TaskCleaner {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
  static final Duration DEFAULT_MIN_PERIOD = Duration.ofSeconds(10);
  // Gap G-16: selfstats had no default period (a busy loop); the templates use 1m.
  static final Duration SELFSTATS_PERIOD = Duration.ofMinutes(1);
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private TaskCleaner() {}

  /** The section-level values that clamp its tasks. */
  private record Meta(int dataId, Duration maxTimeout, Duration minPeriod) {}

  static List<TaskSpec> clean(String type, Settings section, TaskSpec.Source source) {
    if (section.keys().stream().noneMatch(section::has)) {
      return List.of();
    }
    if (!section.has("tasks")) {
      Meta meta = meta(section, false);
      return List.of(task(type, section, section, meta, false, source));
    }
    Map<String, Object> metaMap = new LinkedHashMap<>(section.asMap());
    metaMap.remove("tasks");
    Settings metaSettings = Settings.of(section.source(), section.path(), metaMap);
    Meta meta = meta(metaSettings, true);
    List<TaskSpec> tasks = new ArrayList<>();
    for (Settings item : section.sections("tasks")) {
      tasks.add(task(type, item, metaSettings, meta, true, source));
    }
    return List.copyOf(tasks);
  }

  private static Meta meta(Settings meta, boolean listed) {
    if (listed && !meta.has("dataid")) {
      throw meta.error("dataid", "is required");
    }
    Duration maxTimeout = meta.duration("max_timeout", Duration.ZERO);
    Duration minPeriod = meta.duration("min_period", Duration.ZERO);
    return new Meta(
        meta.integer("dataid", 0),
        maxTimeout.compareTo(ONE_SECOND) < 0 ? DEFAULT_TIMEOUT : maxTimeout,
        minPeriod.compareTo(ONE_SECOND) < 0 ? DEFAULT_MIN_PERIOD : minPeriod);
  }

  private static TaskSpec task(
      String type, Settings task, Settings section, Meta meta, boolean listed,
      TaskSpec.Source source) {
    if (listed && !task.has("task_id")) {
      throw task.error("task_id", "is required");
    }
    int taskId = task.integer("task_id", 0);
    Duration timeout = task.duration("timeout", Duration.ZERO);
    timeout = timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    // available_duration defaults to the timeout as configured, before clamping (gap G-17, kept).
    Duration available = task.duration("available_duration", Duration.ZERO);
    available = available.isNegative() || available.isZero() ? timeout : available;
    Duration period = period(type, task);
    List<Map<String, String>> labels = Labels.read(task);
    int bizId = Labels.bizId(task, labels).orElse(task.integer("bk_biz_id", 0));
    task.stringMap("tags"); // validated here; it reaches the ident through the settings map
    int dataId = task.integer("dataid", 0);

    if (meta.maxTimeout().compareTo(timeout) < 0) {
      timeout = meta.maxTimeout(); // step 1
    }
    if (meta.minPeriod().compareTo(period) > 0) {
      period = meta.minPeriod(); // step 2
    }
    if (period.compareTo(timeout) < 0) {
      timeout = period; // step 3
    }
    if (dataId == 0) {
      dataId = meta.dataId(); // step 4
    }
    TaskSpec spec =
        new TaskSpec(type, "", taskId, dataId, bizId, period, timeout, available, labels, task,
            section, source);
    return withIdent(spec, TaskIdent.base(spec));
  }

  private static Duration period(String type, Settings task) {
    Duration fallback = "selfstats".equals(type) ? SELFSTATS_PERIOD : DEFAULT_PERIOD;
    return AgentConfigParser.atLeast(task, "period", fallback, ONE_SECOND);
  }

  static TaskSpec withIdent(TaskSpec t, String ident) {
    return new TaskSpec(t.type(), ident, t.taskId(), t.dataId(), t.bizId(), t.period(),
        t.timeout(), t.availableDuration(), t.labels(), t.settings(), t.section(), t.source());
  }
}
