package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The keys of an {@code exceptionbeat_task} (spec 4.1), validated and defaulted.
 *
 * <p>Decisions on the original's gaps: {@code check_bit} accepts both {@code C_DISKRO} and the
 * {@code C_DISK_RO} spelling of the original's own default (gap 4), and an unknown token is an
 * error instead of a silently idle task. Absent or zero check intervals default to 60 s instead
 * of panicking (gap 3). Absent or zero thresholds take the defaults the original declared but
 * never applied: 90 % and 10 GB (gap 4), so an unconfigured task can alarm.
 *
 * @param dataId the events' data id; 0 means the task is disabled (the original creates none)
 * @param checks the enabled detectors
 * @param diskRoInterval the read-only check period
 * @param diskSpaceInterval the disk-space check period
 * @param oomReportGap the OOM aggregation window
 * @param usedMaxPercent the used-space threshold in percent
 * @param freeMinGigabytes the free-space threshold in GB (1024³ bytes)
 * @param roWhiteList mount paths whose read-only state is always reported
 * @param roBlackList mount paths never reported (wins over the white list)
 * @param corefilePattern a core pattern replacing {@code /proc/sys/kernel/core_pattern}, or empty
 * @param corefileMatchRegex the core file basename filter, if configured
 * @param corefileReportGap the core file de-duplication window ({@code corefile_report_gap},
 *     parsed but ignored by the original, which always used 1 minute: gap 2; honoured here with
 *     that default)
 */
record ExceptionbeatSettings(
    int dataId,
    Set<Check> checks,
    Duration diskRoInterval,
    Duration diskSpaceInterval,
    Duration oomReportGap,
    int usedMaxPercent,
    long freeMinGigabytes,
    List<Pattern> roWhiteList,
    List<Pattern> roBlackList,
    String corefilePattern,
    Optional<Pattern> corefileMatchRegex,
    Duration corefileReportGap) {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  static final Duration DEFAULT_OOM_GAP = Duration.ofMinutes(1);
  static final Duration DEFAULT_CORE_GAP = Duration.ofMinutes(1);
  static final int DEFAULT_USED_PERCENT = 90;
  static final long DEFAULT_FREE_GB = 10;

  /** The detectors, with their {@code check_bit} tokens. */
  enum Check {
    DISK_RO("C_DISKRO", "C_DISK_RO"),
    DISK_SPACE("C_DISK_SPACE"),
    CORE("C_CORE"),
    OOM("C_OOM");

    private final List<String> tokens;

    Check(String... tokens) {
      this.tokens = List.of(tokens);
    }

    static Optional<Check> ofToken(String token) {
      for (Check check : values()) {
        if (check.tokens.contains(token)) {
          return Optional.of(check);
        }
      }
      return Optional.empty();
    }
  }

  ExceptionbeatSettings {
    checks = Set.copyOf(checks);
    roWhiteList = List.copyOf(roWhiteList);
    roBlackList = List.copyOf(roBlackList);
  }

  /** Reads and validates the task's keys. */
  static ExceptionbeatSettings parse(TaskSpec task) {
    Settings s = task.settings();
    return new ExceptionbeatSettings(
        task.dataId(),
        checks(s),
        interval(s, "check_disk_ro_interval", DEFAULT_INTERVAL),
        interval(s, "check_disk_space_interval", DEFAULT_INTERVAL),
        interval(s, "oom_report_gap", DEFAULT_OOM_GAP),
        percent(s),
        freeGigabytes(s),
        patterns(s, "disk_ro_white_list"),
        patterns(s, "disk_ro_black_list"),
        s.string("corefile_pattern", "").strip(),
        regex(s, "corefile_match_regex"),
        interval(s, "corefile_report_gap", DEFAULT_CORE_GAP));
  }

  private static Set<Check> checks(Settings s) {
    String text = s.string("check_bit", "").strip();
    if (text.isEmpty()) {
      return EnumSet.allOf(Check.class);
    }
    Set<Check> checks = EnumSet.noneOf(Check.class);
    for (String token : text.split("\\|")) {
      String name = token.strip().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      checks.add(Check.ofToken(name).orElseThrow(() -> s.error("check_bit",
          "has the unknown detector '" + token.strip()
              + "' (known: C_DISKRO, C_DISK_SPACE, C_CORE, C_OOM)")));
    }
    return checks;
  }

  private static Duration interval(Settings s, String key, Duration fallback) {
    Duration value = s.duration(key, Duration.ZERO);
    if (value.isNegative()) {
      throw s.error(key, "must not be negative");
    }
    return value.isZero() ? fallback : value;
  }

  private static int percent(Settings s) {
    int value = s.integer("used_max_disk_space_percent", 0);
    if (value < 0 || value > 100) {
      throw s.error("used_max_disk_space_percent", "must be between 0 and 100");
    }
    return value == 0 ? DEFAULT_USED_PERCENT : value;
  }

  private static long freeGigabytes(Settings s) {
    long value = s.longValue("free_min_disk_space", 0);
    if (value < 0 || value > Long.MAX_VALUE >> 30) {
      throw s.error("free_min_disk_space", "must be a number of GB >= 0");
    }
    return value == 0 ? DEFAULT_FREE_GB : value;
  }

  private static List<Pattern> patterns(Settings s, String key) {
    List<String> texts = s.strings(key);
    List<Pattern> patterns = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      try {
        patterns.add(Pattern.compile(texts.get(i)));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(prefix(s) + s.pathOf(key) + "[" + i + "]: is not a regular"
            + " expression (" + e.getDescription() + "), was '" + texts.get(i) + "'");
      }
    }
    return patterns;
  }

  private static Optional<Pattern> regex(Settings s, String key) {
    String text = s.string(key, "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(text));
    } catch (PatternSyntaxException e) {
      throw s.error(key, "is not a regular expression (" + e.getDescription() + ")");
    }
  }

  private static String prefix(Settings s) {
    return s.source().isEmpty() ? "" : s.source() + ": ";
  }
}
