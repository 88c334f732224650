package io.bkmonitorbeat.proc;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-process rates between two samples (spec 1.6): CPU as a fraction of one core and IO in
 * bytes per second. The first sample of a process (or one whose CPU total went down) gives no
 * rate, only a baseline. A pid whose start time changed is a new process.
 *
 * <p>Gap 27: the original never forgot a pid; {@link #retainOnly} drops the state of processes
 * not seen in the current run, so memory follows the live process count, not pid churn.
 *
 * <p>Not thread-safe (one per collector; runs never overlap).
 */
public final class RateTracker {
  private final Map<Integer, PerfSample> previous = new HashMap<>();

  /**
   * The rates of one sample; a {@code NaN} field means "no rate yet".
   *
   * @param cpuPct CPU time used per elapsed time (1.0 = one core busy)
   * @param readSpeed bytes read per second
   * @param writeSpeed bytes written per second
   */
  public record Rates(double cpuPct, double readSpeed, double writeSpeed) {
    /** Whether the CPU rate is known. */
    public boolean hasCpu() {
      return !Double.isNaN(cpuPct);
    }

    /** Whether the IO rates are known. */
    public boolean hasIo() {
      return !Double.isNaN(readSpeed);
    }
  }

  /** Records {@code sample} and returns its rates against the previous sample of the process. */
  public Rates update(PerfSample sample) {
    PerfSample prev = previous.put(sample.pid(), sample);
    if (prev == null || prev.startTicks() != sample.startTicks()) {
      return new Rates(Double.NaN, Double.NaN, Double.NaN);
    }
    double seconds = (sample.nanos() - prev.nanos()) / 1e9;
    double cpu = Double.NaN;
    long cpuDelta = sample.cpuTotalMillis() - prev.cpuTotalMillis();
    if (cpuDelta >= 0 && seconds > 0) {
      cpu = cpuDelta / (seconds * 1000);
    }
    double read = Double.NaN;
    double write = Double.NaN;
    if (sample.hasIo() && prev.hasIo() && seconds > 0) {
      read = Math.max(0, sample.ioReadBytes() - prev.ioReadBytes()) / seconds;
      write = Math.max(0, sample.ioWriteBytes() - prev.ioWriteBytes()) / seconds;
    }
    return new Rates(cpu, read, write);
  }

  /** Forgets every pid not in {@code alive} (gap 27). */
  public void retainOnly(Set<Integer> alive) {
    previous.keySet().retainAll(alive);
  }

  /** Returns how many pids have state (for tests and counters). */
  public int size() {
    return previous.size();
  }
}
