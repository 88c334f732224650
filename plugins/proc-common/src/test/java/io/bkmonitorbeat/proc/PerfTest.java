package io.bkmonitorbeat.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerfTest {
  private final ProcFs proc = ProcFs.system();
  private final SystemInfo system = SystemInfo.read(proc);

  @Test
  void systemConstantsAreRead() {
    assertThat(system.bootTimeSeconds()).isPositive();
    assertThat(system.memTotalBytes()).isPositive();
    assertThat(system.cpuCount()).isPositive();
    assertThat(system.pageSize()).isIn(4096, 16384, 65536);
  }

  @Test
  void samplesThisJvm() {
    int pid = (int) ProcessHandle.current().pid();
    ProcessInfo self = new ProcessScanner(proc).read(pid);
    PerfSample sample = new PerfReader(proc, system, System::nanoTime).sample(self);
    assertThat(sample.memRss()).isGreaterThan(1 << 20);
    assertThat(sample.memSize()).isGreaterThan(sample.memRss());
    assertThat(sample.fdOpen()).isPositive();
    assertThat(sample.hasIo()).isTrue();
    assertThat(sample.cpuTotalMillis()).isPositive();
  }

  @Test
  void openFilesLimitParsesUnlimitedAsZero() {
    String limits = "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            1024                 unlimited            files\n";
    assertThat(PerfReader.parseOpenFilesLimit(limits)).containsExactly(1024, 0);
  }

  @Test
  void ratesNeedABaselineAndTellAReusedPidApart() {
    RateTracker tracker = new RateTracker();
    assertThat(tracker.update(sample(7, 100, 1000, 0, 0)).hasCpu()).isFalse();
    RateTracker.Rates rates = tracker.update(sample(7, 100, 1500, 4096, 2_000_000_000L));
    assertThat(rates.cpuPct()).isEqualTo(0.25); // 500 ms in 2 s
    assertThat(rates.readSpeed()).isEqualTo(2048.0);
    assertThat(tracker.update(sample(7, 999, 10, 0, 3_000_000_000L)).hasCpu())
        .as("same pid, other start time: a new process").isFalse();
    assertThat(tracker.update(sample(7, 999, 5, 0, 4_000_000_000L)).hasCpu())
        .as("CPU total went down: baseline again").isFalse();
  }

  @Test
  void samplerSamplesAPidOnceAndForgetsPidsThatWentAway_gaps15and27() {
    AtomicLong reads = new AtomicLong();
    PerfReader reader = new PerfReader(proc, system, () -> reads.incrementAndGet() * 1_000_000_000L);
    ProcessSampler sampler = new ProcessSampler(reader, new ProcessDetails(proc, UserNames.system()));
    ProcessInfo a = new ProcessInfo(1, 0, "init", 'S', 5, 10, 10, "init", "");
    ProcessInfo self = new ProcessScanner(proc).read((int) ProcessHandle.current().pid());
    assertThat(sampler.sample(List.of(a, self, a, self))).hasSize(2);
    assertThat(reads.get()).as("each pid sampled once per run").isEqualTo(2);
    assertThat(sampler.trackedPids()).isEqualTo(2);
    sampler.sample(List.of(self));
    assertThat(sampler.trackedPids()).as("pid 1 not seen this run: its state is dropped").isEqualTo(1);
  }

  @Test
  void slotsAreStableAcrossRuns() {
    PidMapper mapper = new PidMapper();
    mapper.refresh(List.of(new PidMapper.Member("g", 100), new PidMapper.Member("g", 200)));
    assertThat(mapper.slot("g", 100)).isEqualTo(0);
    assertThat(mapper.slot("g", 200)).isEqualTo(1);
    // 100 restarted as 300: it takes the free slot 0; 200 keeps slot 1
    mapper.refresh(List.of(new PidMapper.Member("g", 200), new PidMapper.Member("g", 300)));
    assertThat(mapper.slot("g", 300)).isEqualTo(0);
    assertThat(mapper.slot("g", 200)).isEqualTo(1);
    mapper.refresh(List.of(new PidMapper.Member("g", 200)));
    assertThat(mapper.slot("g", 200)).as("slots are not compacted").isEqualTo(1);
    assertThat(mapper.slot("g", 300)).isEqualTo(-1);
    assertThat(mapper.slot("other", 200)).isEqualTo(-1);
  }

  private static PerfSample sample(int pid, long start, long cpuMs, long io, long nanos) {
    return new PerfSample(pid, start, 1, 1, 1, cpuMs, 0, io, io, 1, 1, 1, nanos);
  }
}
