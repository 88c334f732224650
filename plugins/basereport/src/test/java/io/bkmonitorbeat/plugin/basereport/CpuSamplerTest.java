package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bkmonitorbeat.hostcommon.CpuTimes;
import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.ProcStat;
import io.bkmonitorbeat.hostcommon.ProcStatParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {
  static ProcStat stat(String text) {
    return ProcStatParser.parse(text.lines().toList(), Malformed.IGNORE);
  }

  static final ProcStat THREE_CPUS = stat("""
      cpu  300 0 300 300 30 0 0 0 0 0
      cpu0 100 0 100 100 10 0 0 0 0 0
      cpu1 100 0 100 100 10 0 0 0 0 0
      cpu2 100 0 100 100 10 0 0 0 0 0
      """);

  @Test
  void deltasInSecondsAndUsageFromBusyTicks() {
    CpuSampler s = new CpuSampler();
    CpuSample first = s.sample(THREE_CPUS);
    assertThat(first.totalUsage()).isZero();
    CpuSample d = s.sample(stat("""
        cpu  450 0 330 420 30 0 0 0 0 0
        cpu0 200 0 110 110 10 0 0 0 0 0
        cpu1 125 0 110 150 10 0 0 0 0 0
        cpu2 125 0 110 160 10 0 0 0 0 0
        """));
    // total: busy 150+30=180, total 180+120=300 -> 60 %
    assertThat(d.totalUsage()).isCloseTo(60.0, within(1e-9));
    assertThat(d.perUsage().get(0)).isCloseTo(110.0 * 100 / 120, within(1e-9));
    Map<String, Object> total = d.totalStat();
    assertThat(total).containsEntry("cpu", "cpu-total").containsEntry("user", 1.5)
        .containsEntry("system", 0.3).containsEntry("idle", 1.2).containsEntry("iowait", 0.0);
    assertThat(total).containsOnlyKeys("cpu", "user", "system", "idle", "nice", "iowait", "irq",
        "softirq", "steal", "guest", "guestNice");
    assertThat(d.perStat()).extracting(m -> m.get("cpu")).containsExactly("cpu0", "cpu1", "cpu2");
  }

  /** #687: a CPU added while running starts at zero and never produces a spike. */
  @Test
  void hotAddedCpuStartsAtZeroAndRemovedCpuDisappears() {
    CpuSampler s = new CpuSampler();
    s.sample(THREE_CPUS);
    CpuSample added = s.sample(stat("""
        cpu  310 0 300 5000 30 0 0 0 0 0
        cpu0 110 0 100 100 10 0 0 0 0 0
        cpu1 100 0 100 100 10 0 0 0 0 0
        cpu2 100 0 100 100 10 0 0 0 0 0
        cpu3 9000 0 9000 4700 0 0 0 0 0 0
        """));
    assertThat(added.perCpu()).extracting(CpuTimes::name)
        .containsExactly("cpu0", "cpu1", "cpu2", "cpu3");
    assertThat(added.perCpu().get(3).user()).isZero();
    assertThat(added.perUsage().get(3)).isZero();
    assertThat(added.perUsage().get(0)).isEqualTo(100.0);
    CpuSample removed = s.sample(stat("""
        cpu  320 0 300 5100 30 0 0 0 0 0
        cpu0 120 0 100 100 10 0 0 0 0 0
        cpu3 9000 0 9000 4800 0 0 0 0 0 0
        """));
    assertThat(removed.perCpu()).extracting(CpuTimes::name).containsExactly("cpu0", "cpu3");
    assertThat(removed.perCpu().get(1).idle()).isEqualTo(100);
  }

  @Test
  void fieldsGoingBackwardsCountAsZero() {
    CpuSampler s = new CpuSampler();
    s.sample(THREE_CPUS);
    CpuSample d = s.sample(stat("""
        cpu  310 0 300 310 20 0 0 0 0 0
        cpu0 110 0 100 110 5 0 0 0 0 0
        """));
    assertThat(d.total().iowait()).isZero();
    assertThat(d.totalUsage()).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void usageRules() {
    assertThat(CpuSampler.usage(new CpuTimes("c", 0, 0, 0, 10, 0, 0, 0, 0, 0, 0))).isZero();
    assertThat(CpuSampler.usage(new CpuTimes("c", 5, 0, 5, 0, 0, 0, 0, 0, 0, 0))).isEqualTo(100.0);
  }
}
