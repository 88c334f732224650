package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stat_times: the peak sample of the period is reported, never a too-short interval. */
class RateModulesTest {
  @TempDir Path dir;

  static String stat(long busy, long idle) {
    return "cpu  " + busy + " 0 0 " + idle + " 0 0 0 0 0 0\ncpu0 " + busy + " 0 0 " + idle
        + " 0 0 0 0 0 0\n";
  }

  static String netDev(long rx) {
    return "h1\nh2\n  eth0: " + rx + " 1 0 0 0 0 0 0 0 1 0 0 0 0 0 0\n";
  }

  @Test
  void reportsThePeakCpuAndNetSampleOfTheWindow() throws Exception {
    FakeRoot root = new FakeRoot(dir).write("/proc/stat", stat(0, 0))
        .write("/proc/net/dev", netDev(0)).write("/proc/meminfo", "MemTotal: 100 kB\nMemFree: 50 kB\n");
    AtomicLong nanos = new AtomicLong();
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofSeconds(60),
        Map.of("cpu", Map.of("stat_times", 4), "net", Map.of("stat_times", 4))));
    try (RateModules m = new RateModules(new HostReader(root.fs()), s, nanos::get)) {
      assertThat(m.takeCpu()).as("baseline").isNull();
      assertThat(m.takeNet()).isEmpty();
      // three samples 15 s apart taken by the sampler: 20 %, 90 %, 10 % busy
      long[][] steps = {{20, 80}, {110, 90}, {120, 180}};
      long rx = 0;
      long[] rxSteps = {1500, 60000, 15000};
      for (int i = 0; i < 3; i++) {
        nanos.addAndGet(15_000_000_000L);
        root.write("/proc/stat", stat(steps[i][0], steps[i][1]));
        rx += rxSteps[i];
        root.write("/proc/net/dev", netDev(rx));
        m.sampleCpuForTest();
        m.sampleNetForTest();
      }
      // The collection comes 1 s after the last sample: too soon for another sample.
      nanos.addAndGet(1_000_000_000L);
      root.write("/proc/stat", stat(1000, 180));
      assertThat(m.takeCpu().totalUsage()).isEqualTo(90.0);
      NetRate eth0 = m.takeNet().get("eth0");
      assertThat(eth0.speedRecv()).isEqualTo(4000.0);
      assertThat(eth0.counters().bytesRecv()).isEqualTo(76500);
      // The next window starts empty; after half an interval the collection samples itself.
      nanos.addAndGet(14_000_000_000L);
      assertThat(m.takeCpu().totalUsage()).isEqualTo(100.0);
    }
  }

  @Test
  void reportsTheMemorySampleWithTheHighestUsedPercent() throws Exception {
    FakeRoot root = new FakeRoot(dir).write("/proc/meminfo", "MemTotal: 1000 kB\nMemFree: 700 kB\n");
    AtomicLong nanos = new AtomicLong();
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofSeconds(60),
        Map.of("mem", Map.of("info_times", 3))));
    try (RateModules m = new RateModules(new HostReader(root.fs()), s, nanos::get)) {
      m.takeMem();
      nanos.addAndGet(20_000_000_000L);
      root.write("/proc/meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\n");
      m.sampleMemForTest();
      nanos.addAndGet(20_000_000_000L);
      root.write("/proc/meminfo", "MemTotal: 1000 kB\nMemFree: 500 kB\n");
      m.sampleMemForTest();
      nanos.addAndGet(20_000_000_000L);
      root.write("/proc/meminfo", "MemTotal: 1000 kB\nMemFree: 600 kB\n");
      assertThat(m.takeMem()).containsEntry("usedPercent", 90.0);
    }
  }
}
