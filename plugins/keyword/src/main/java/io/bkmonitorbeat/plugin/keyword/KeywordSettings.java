package io.bkmonitorbeat.plugin.keyword;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A keyword task's settings (spec 9.1), validated. Immutable.
 *
 * @param dataId the events' data id
 * @param paths the file globs (trimmed, absolute)
 * @param excludes regexes on the full path ({@code .gz$}, {@code .tar$}, {@code .bz2$} when none)
 * @param charset how lines are decoded: GB18030 for {@code encoding: gbk}, else UTF-8
 * @param closeInactive a file that has not grown for this long is closed (offset kept)
 * @param reportPeriod the aggregation and flush period (gap 3: absent or 0 means 1m)
 * @param filters lines any of these finds are dropped
 * @param rules the keyword rules
 * @param target copied into every record
 * @param timeUnitFactor multiplier from epoch seconds to the {@code time_unit}
 * @param labels the CMDB labels (only the seven known keys; duplicates removed)
 * @param maxLineBytes longer lines are cut (and counted)
 * @param batchSize how many records one event carries at most (gap 20; 1 is the original's)
 * @param fromBeginning whether files found on the task's very first run are read from the start
 * @param scanFrequency how often the globs are expanded again (the original: 5 s)
 */
record KeywordSettings(
    int dataId,
    List<String> paths,
    List<Pattern> excludes,
    Charset charset,
    Duration closeInactive,
    Duration reportPeriod,
    List<Pattern> filters,
    List<Rule> rules,
    String target,
    long timeUnitFactor,
    List<Map<String, String>> labels,
    int maxLineBytes,
    int batchSize,
    boolean fromBeginning,
    Duration scanFrequency) {

  static final List<String> LABEL_KEYS = List.of("bk_collect_config_id", "bk_target_cloud_id",
      "bk_target_ip", "bk_target_service_category_id", "bk_target_service_instance_id",
      "bk_target_topo_id", "bk_target_topo_level");
  private static final List<String> DEFAULT_EXCLUDES = List.of(".gz$", ".tar$", ".bz2$");

  KeywordSettings {
    paths = List.copyOf(paths);
    excludes = List.copyOf(excludes);
    filters = List.copyOf(filters);
    rules = List.copyOf(rules);
    labels = List.copyOf(labels);
  }

  /**
   * Reads and validates a task.
   *
   * @throws ConfigException naming the key and value of the first bad setting
   */
  static KeywordSettings parse(TaskSpec task) {
    Settings s = task.settings();
    List<String> paths = new ArrayList<>();
    for (String path : s.strings("paths")) {
      String trimmed = path.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("/")) {
        throw s.error("paths", "must hold absolute paths");
      }
      paths.add(trimmed);
    }
    if (paths.isEmpty()) {
      throw s.error("paths", "must name at least one file or glob");
    }
    List<String> excludeTexts = s.strings("exclude_files");
    List<Pattern> excludes = regexes(s, "exclude_files", excludeTexts.isEmpty() ? DEFAULT_EXCLUDES : excludeTexts);
    Charset charset = s.string("encoding", "utf-8").trim().equalsIgnoreCase("gbk")
        ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
    Duration period = s.duration("report_period", Duration.ZERO);
    if (period.isNegative()) {
      throw s.error("report_period", "must be > 0");
    }
    if (period.isZero()) {
      period = Duration.ofMinutes(1); // gap 3: the original panics on a zero ticker
    }
    Duration inactive = s.duration("close_inactive", Duration.ofHours(1));
    if (inactive.isNegative() || inactive.isZero()) {
      inactive = Duration.ofHours(1);
    }
    List<Rule> rules = new ArrayList<>();
    List<Settings> keywords = s.sections("keywords");
    for (int i = 0; i < keywords.size(); i++) {
      Settings k = keywords.get(i);
      String name = k.string("name").orElseThrow(() -> k.error("name", "must be set"));
      String pattern = k.string("pattern").orElseThrow(() -> k.error("pattern", "must be set"));
      try {
        rules.add(Rule.compile(name, pattern));
      } catch (PatternSyntaxException e) {
        throw k.error("pattern", "is not a valid regex (" + e.getDescription() + ")");
      }
    }
    if (rules.isEmpty()) {
      throw s.error("keywords", "must hold at least one rule");
    }
    int maxLine = s.integer("max_line_bytes", 1 << 20);
    if (maxLine < 1) {
      throw s.error("max_line_bytes", "must be > 0");
    }
    int batch = s.integer("batch_size", 100);
    if (batch < 1) {
      throw s.error("batch_size", "must be > 0");
    }
    Duration scan = s.duration("scan_frequency", Duration.ofSeconds(5));
    if (scan.isNegative() || scan.isZero()) {
      throw s.error("scan_frequency", "must be > 0");
    }
    return new KeywordSettings(task.dataId(), paths, excludes, charset, inactive, period,
        regexes(s, "filter_patterns", s.strings("filter_patterns")), rules, s.string("target", ""),
        timeUnitFactor(s.string("time_unit", "ms")), labels(task.labels()), maxLine, batch,
        s.bool("from_beginning", false), scan);
  }

  private static List<Pattern> regexes(Settings s, String key, List<String> texts) {
    List<Pattern> patterns = new ArrayList<>();
    for (String text : texts) {
      try {
        patterns.add(Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw s.error(key, "holds an invalid regex '" + text + "' (" + e.getDescription() + ")");
      }
    }
    return patterns;
  }

  /** Seconds to the unit: {@code s}, {@code ms} (also anything unknown), {@code us}, {@code ns}. */
  static long timeUnitFactor(String unit) {
    return switch (unit.trim().toLowerCase(Locale.ROOT)) {
      case "s" -> 1L;
      case "us", "µs" -> 1_000_000L;
      case "ns" -> 1_000_000_000L;
      default -> 1_000L;
    };
  }

  /** Keeps the seven known keys of each label group, drops empty and duplicate groups. */
  static List<Map<String, String>> labels(List<Map<String, String>> configured) {
    Set<Map<String, String>> unique = new LinkedHashSet<>();
    for (Map<String, String> group : configured) {
      Map<String, String> kept = new TreeMap<>();
      for (String key : LABEL_KEYS) {
        kept.put(key, group.getOrDefault(key, ""));
      }
      if (kept.values().stream().anyMatch(v -> !v.isEmpty())) {
        unique.add(Collections.unmodifiableMap(kept)); // sorted, the same in every run
      }
    }
    return List.copyOf(unique);
  }
}
