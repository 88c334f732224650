package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.CpuInfo;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The once-per-minute guard, the report's time fields and the cpuinfo list. */
class SmallPartsTest {
  @TempDir Path dir;

  /** A recording context with a real state directory. */
  static final class StatefulContext extends RecordingContext {
    final Path state;

    StatefulContext(io.bkmonitorbeat.api.TaskSpec task, Path state) {
      super(task);
      this.state = state;
    }

    @Override
    public Path stateDirectory() {
      return state;
    }
  }

  @Test
  void aOneMinutePeriodPublishesOncePerWallClockMinuteAcrossRestarts() {
    StatefulContext ctx = new StatefulContext(
        Tasks.basereport(Duration.ofMinutes(1), Map.of()), dir);
    long t = Instant.parse("2026-01-01T10:00:05Z").getEpochSecond();
    PublishGuard g = new PublishGuard(ctx, Duration.ofMinutes(1));
    assertThat(g.mayPublish(t)).isTrue();
    g.published(t);
    PublishGuard afterRestart = new PublishGuard(ctx, Duration.ofMinutes(1));
    assertThat(afterRestart.mayPublish(t + 50)).isFalse();
    assertThat(afterRestart.mayPublish(t + 55)).isTrue();
    PublishGuard otherPeriod = new PublishGuard(ctx, Duration.ofSeconds(30));
    assertThat(otherPeriod.mayPublish(t + 1)).isTrue();
  }

  @Test
  void timeFieldsAndPlace() {
    FakeRoot root = new FakeRoot(dir).write("/etc/sysconfig/clock", "ZONE=\"Asia/Shanghai\"\nUTC=true\n");
    Map<String, Object> data = new LinkedHashMap<>();
    ReportTime.put(data, Instant.parse("2024-05-01T02:00:50Z"), ZoneId.of("Asia/Shanghai"), root.fs());
    assertThat(data).containsExactly(Map.entry("timezone", 8),
        Map.entry("datetime", "2024-05-01 10:00:50"), Map.entry("utctime", "2024-05-01 02:00:50"),
        Map.entry("country", "Asia"), Map.entry("city", "Shanghai"));
    Map<String, Object> none = new LinkedHashMap<>();
    ReportTime.put(none, Instant.EPOCH, ZoneId.of("UTC"), new FakeRoot(dir.resolve("x")).fs());
    assertThat(none).containsEntry("timezone", 0).containsEntry("country", "").containsEntry("city", "");
  }

  @Test
  @SuppressWarnings("unchecked")
  void cpuinfoClockFromCpufreqAndFallbacksWhenModelIsMissing() {
    FakeRoot root = new FakeRoot(dir)
        .write("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Xeon\n"
            + "cpu MHz\t\t: 1200.000\nflags\t\t: fpu sse\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\n"
            + "model name\t: Xeon\ncpu MHz\t\t: 1200.000\nflags\t\t: fpu sse\n\n")
        .write("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3400000\n");
    CpuInfoSection s = new CpuInfoSection(root.fs(), true);
    List<CpuInfo> cpus = s.processors(2, 0);
    List<Object> json = s.toJson(cpus);
    Map<String, Object> c0 = (Map<String, Object>) json.get(0);
    assertThat(c0).containsEntry("mhz", 3400.0).containsEntry("flags", List.of("fpu", "sse"))
        .containsEntry("model", "unknown").containsEntry("modelName", "Xeon");
    assertThat((Map<String, Object>) json.get(1)).containsEntry("mhz", 1200.0);
    // A hot-added CPU makes the list be read again.
    root.write("/proc/cpuinfo", "processor\t: 0\nmodel\t: 85\nmodel name\t: Xeon\ncpu MHz\t: 1\n\n"
        + "processor\t: 1\nmodel\t: 85\nmodel name\t: Xeon\ncpu MHz\t: 1\n\n"
        + "processor\t: 2\nmodel\t: 85\nmodel name\t: Xeon\ncpu MHz\t: 1\n\n");
    assertThat(s.processors(2, 1)).hasSize(2);
    assertThat(s.processors(3, 2)).hasSize(3);
  }
}
