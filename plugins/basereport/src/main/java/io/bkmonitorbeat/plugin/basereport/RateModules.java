package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.ProcStat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampled modules of basereport: CPU, network and memory take {@code stat_times} (memory:
 * {@code info_times}) samples per period and report the peak one (spec 2.5, 2.6, 2.10). The run
 * of one collection is bounded by the task timeout (3 s by default), so the intermediate samples
 * are taken by one sampler thread; the collection takes the last sample itself and picks the peak
 * of the window. A sample is never taken less than half an interval after the previous one, so a
 * tiny interval (a noisy 100 % CPU) can never win the peak.
 *
 * <p>Thread-safe: the sampler thread and the collecting thread share the state under {@code lock}.
 */
final class RateModules implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RateModules.class);

  private final Object lock = new Object();
  private final HostReader reader;
  private final BasereportSettings settings;
  private final LongSupplier nanoTime;
  private final CpuSampler cpu = new CpuSampler();
  private final NetSampler net = new NetSampler();
  private ScheduledExecutorService sampler;

  // Guarded by lock: the peaks of the current window and the time of the last samples.
  private CpuSample cpuPeak;
  private Map<String, NetRate> netPeak = new HashMap<>();
  private Map<String, Object> memPeak;
  private double memPeakPercent = -1;
  private long lastCpuNanos = Long.MIN_VALUE;
  private long lastNetNanos = Long.MIN_VALUE;
  private long lastMemNanos = Long.MIN_VALUE;
  private boolean closed;

  RateModules(HostReader reader, BasereportSettings settings, LongSupplier nanoTime) {
    this.reader = reader;
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  /** Starts the sampler thread for modules that take more than one sample per period. */
  void start(ThreadFactory threads) {
    synchronized (lock) {
      if (closed || sampler != null) {
        return;
      }
      if (settings.cpuStatTimes() <= 1 && settings.netStatTimes() <= 1
          && settings.memInfoTimes() <= 1) {
        return;
      }
      sampler = Executors.newSingleThreadScheduledExecutor(threads);
      schedule(settings.cpuStatTimes(), this::sampleCpuQuietly);
      schedule(settings.netStatTimes(), this::sampleNetQuietly);
      schedule(settings.memInfoTimes(), this::sampleMemQuietly);
    }
  }

  private void schedule(int times, Runnable task) {
    if (times > 1) {
      long interval = settings.interval(times).toNanos();
      sampler.scheduleAtFixedRate(task, interval, interval, TimeUnit.NANOSECONDS);
    }
  }

  /** Takes the last CPU sample of the window and returns the window's peak. */
  CpuSample takeCpu() throws IOException {
    synchronized (lock) {
      sampleCpu(true);
      CpuSample peak = cpuPeak;
      cpuPeak = null;
      return peak;
    }
  }

  /** Takes the last network sample of the window and returns each interface's peak. */
  Map<String, NetRate> takeNet() throws IOException {
    synchronized (lock) {
      sampleNet(true);
      Map<String, NetRate> peak = netPeak;
      netPeak = new HashMap<>();
      return peak;
    }
  }

  /** Takes the last memory sample of the window and returns the peak {@code meminfo}. */
  Map<String, Object> takeMem() throws IOException {
    synchronized (lock) {
      sampleMem(true);
      Map<String, Object> peak = memPeak;
      memPeak = null;
      memPeakPercent = -1;
      return peak;
    }
  }

  private boolean due(long last, int times, boolean collecting) {
    if (last == Long.MIN_VALUE) {
      return true;
    }
    long half = settings.interval(times).toNanos() / 2;
    return times <= 1 && collecting || nanoTime.getAsLong() - last >= half;
  }

  private void sampleCpu(boolean collecting) throws IOException {
    if (!due(lastCpuNanos, settings.cpuStatTimes(), collecting)) {
      return;
    }
    ProcStat stat = reader.procStat();
    boolean baseline = !cpu.hasBaseline();
    CpuSample s = cpu.sample(stat);
    lastCpuNanos = nanoTime.getAsLong();
    if (!baseline && (cpuPeak == null || s.totalUsage() >= cpuPeak.totalUsage())) {
      cpuPeak = s;
    }
  }

  private void sampleNet(boolean collecting) throws IOException {
    if (!due(lastNetNanos, settings.netStatTimes(), collecting)) {
      return;
    }
    long now = nanoTime.getAsLong();
    boolean baseline = lastNetNanos == Long.MIN_VALUE;
    Map<String, NetRate> rates = net.sample(reader.netDev(), now);
    lastNetNanos = now;
    if (baseline) {
      return;
    }
    for (Map.Entry<String, NetRate> e : rates.entrySet()) {
      NetRate best = netPeak.get(e.getKey());
      if (best == null || e.getValue().peak() > best.peak()) {
        netPeak.put(e.getKey(), e.getValue());
      } else {
        // Keep the peak's rates but report the latest cumulative counters.
        NetRate b = best;
        netPeak.put(e.getKey(), new NetRate(e.getValue().counters(), b.speedRecv(),
            b.speedSent(), b.speedPacketsRecv(), b.speedPacketsSent()));
      }
    }
    netPeak.keySet().retainAll(rates.keySet());
  }

  private void sampleMem(boolean collecting) throws IOException {
    if (!due(lastMemNanos, settings.memInfoTimes(), collecting)) {
      return;
    }
    Map<String, Object> m = MemReport.meminfo(reader.meminfo(),
        () -> reader.fs().lines("/proc/zoneinfo"),
        reader.fs().lines("/dev/shm/ieg_dockervm_meminfo"), settings.memSpecialSource());
    lastMemNanos = nanoTime.getAsLong();
    double pct = (Double) m.get("usedPercent");
    if (memPeak == null || pct >= memPeakPercent) {
      memPeak = m;
      memPeakPercent = pct;
    }
  }

  /** What the sampler thread does for CPU, for tests that drive the time themselves. */
  void sampleCpuForTest() {
    sampleCpuQuietly();
  }

  /** What the sampler thread does for the network, for tests. */
  void sampleNetForTest() {
    sampleNetQuietly();
  }

  /** What the sampler thread does for memory, for tests. */
  void sampleMemForTest() {
    sampleMemQuietly();
  }

  private void sampleCpuQuietly() {
    quietly("cpu", () -> sampleCpu(false));
  }

  private void sampleNetQuietly() {
    quietly("net", () -> sampleNet(false));
  }

  private void sampleMemQuietly() {
    quietly("mem", () -> sampleMem(false));
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private void quietly(String module, IoAction action) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        action.run();
      } catch (IOException | RuntimeException e) {
        log.debug("basereport {} sample failed", module, e);
      }
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (lock) {
      closed = true;
      s = sampler;
      sampler = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
