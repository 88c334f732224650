package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The keys of a {@code basereport_task} section (spec 2.1), validated and defaulted.
 *
 * @param period the report period (validated positive, gap 3)
 * @param cpuStatTimes CPU samples per period ({@code cpu.stat_times}, 4 when ≤ 0)
 * @param cpuReportFlag keep the CPU flags list ({@code cpu.report_flag})
 * @param memInfoTimes memory samples per period ({@code mem.info_times}, 1 when ≤ 0)
 * @param memSpecialSource {@code mem.special_source}
 * @param netStatTimes network samples per period ({@code net.stat_times}, 4 when ≤ 0)
 * @param disk the disk keys
 * @param net the network keys
 * @param reportCrontab {@code report_crontab}
 * @param reportHosts {@code report_hosts}
 * @param reportRoute {@code report_route}
 */
record BasereportSettings(
    Duration period,
    int cpuStatTimes,
    boolean cpuReportFlag,
    int memInfoTimes,
    boolean memSpecialSource,
    int netStatTimes,
    Disk disk,
    Net net,
    boolean reportCrontab,
    boolean reportHosts,
    boolean reportRoute) {

  /** The {@code disk.*} keys. */
  record Disk(
      boolean collectAllDevice, boolean dropDuplicateDevice, boolean ioSkipPartition,
      NameFilter disks, NameFilter partitions, NameFilter mountPoints, NameFilter fsTypes) {}

  /** The {@code net.*} keys. */
  record Net(boolean skipVirtualInterface, NameFilter interfaces, List<Pattern> forceReport) {}

  static BasereportSettings parse(TaskSpec task) {
    Settings s = task.settings();
    // Gap 3: the original panicked on a zero period. The host rejects a period below 1 s; a
    // basereport period must also be long enough for its sampling interval.
    Duration period = task.period();
    if (period.isZero() || period.isNegative()) {
      throw s.error("period", "must be positive, was " + period);
    }
    Settings cpu = s.section("cpu");
    Settings mem = s.section("mem");
    Settings disk = s.section("disk");
    Settings net = s.section("net");
    int cpuTimes = samples(cpu.integer("stat_times", 4), 4, period);
    int netTimes = samples(net.integer("stat_times", 4), 4, period);
    int memTimes = samples(mem.integer("info_times", 1), 1, period);
    return new BasereportSettings(
        period,
        cpuTimes,
        cpu.bool("report_flag", false),
        memTimes,
        mem.bool("special_source", false),
        netTimes,
        new Disk(
            disk.bool("collect_all_device", false),
            disk.bool("drop_duplicate_device", false),
            disk.bool("io_skip_partition", false),
            NameFilter.read(disk, "disk_white_list", "disk_black_list"),
            NameFilter.read(disk, "partition_white_list", "partition_black_list"),
            NameFilter.read(disk, "mountpoint_white_list", "mountpoint_black_list"),
            NameFilter.read(disk, "fs_type_white_list", "fs_type_black_list")),
        new Net(
            net.bool("skip_virtual_interface", false),
            NameFilter.read(net, "interface_white_list", "interface_black_list"),
            NameFilter.patterns(net, "force_report_list")),
        s.bool("report_crontab", false),
        s.bool("report_hosts", false),
        s.bool("report_route", false));
  }

  /**
   * Samples per period: the default when ≤ 0, and never so many that samples come less than a
   * second apart (rates over shorter intervals are mostly noise).
   */
  static int samples(int configured, int fallback, Duration period) {
    int n = configured <= 0 ? fallback : configured;
    long maxBySeconds = Math.max(1, period.toSeconds());
    return (int) Math.min(n, maxBySeconds);
  }

  /** The time between two samples of a module taking {@code times} samples per period. */
  Duration interval(int times) {
    return period.dividedBy(times);
  }
}
