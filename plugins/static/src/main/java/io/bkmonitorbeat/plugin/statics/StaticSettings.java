package io.bkmonitorbeat.plugin.statics;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.List;

/**
 * The keys of one {@code static_task} task (spec 3.1), defaulted as the original does.
 *
 * @param checkPeriod change-detection period ({@code check_period}; below 1m means 1m)
 * @param reportPeriod unconditional re-report period ({@code report_period}; below 1h means 6h)
 * @param virtualWhitelist virtual interfaces to keep, exact names
 * @param virtualBlacklist interfaces to drop when their name contains an entry
 */
record StaticSettings(
    Duration checkPeriod, Duration reportPeriod, List<String> virtualWhitelist,
    List<String> virtualBlacklist) {

  static final Duration MIN_CHECK = Duration.ofMinutes(1);
  static final Duration MIN_REPORT = Duration.ofHours(1);
  static final Duration DEFAULT_REPORT = Duration.ofHours(6);

  /** Copies the lists. */
  StaticSettings {
    virtualWhitelist = List.copyOf(virtualWhitelist);
    virtualBlacklist = List.copyOf(virtualBlacklist);
  }

  static StaticSettings parse(TaskSpec task) {
    Settings s = task.settings();
    Duration check = s.duration("check_period", Duration.ZERO);
    Duration report = s.duration("report_period", Duration.ZERO);
    return new StaticSettings(
        check.compareTo(MIN_CHECK) < 0 ? MIN_CHECK : check,
        report.compareTo(MIN_REPORT) < 0 ? DEFAULT_REPORT : report,
        s.strings("virtual_iface_whitelist"),
        s.strings("virtual_iface_blacklist"));
  }
}
