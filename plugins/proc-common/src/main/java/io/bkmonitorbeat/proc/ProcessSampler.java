package io.bkmonitorbeat.proc;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Samples the processes of one run, each pid once however many definitions matched it (gap 15:
 * the original sampled a process once per matching definition, so the second sample showed ~0
 * CPU and IO rates), and keeps rate state only for pids sampled in this run (gap 27). Not
 * thread-safe (one per collector; runs never overlap).
 */
public final class ProcessSampler {
  private final PerfReader perf;
  private final ProcessDetails details;
  private final RateTracker rates = new RateTracker();

  /** A sampler reading through {@code perf} and {@code details}. */
  public ProcessSampler(PerfReader perf, ProcessDetails details) {
    this.perf = perf;
    this.details = details;
  }

  /** The sampler of the host's {@code /proc}. */
  public static ProcessSampler system(ProcFs proc, SystemInfo system) {
    return new ProcessSampler(new PerfReader(proc, system, System::nanoTime),
        new ProcessDetails(proc, UserNames.system()));
  }

  /**
   * One process's sample of this run.
   *
   * @param process the scan's view of the process
   * @param perf the resource sample
   * @param rates the rates against the previous run's sample
   * @param username the user name of the real uid
   * @param cwd the working directory
   */
  public record Sampled(
      ProcessInfo process, PerfSample perf, RateTracker.Rates rates, String username, String cwd) {}

  /**
   * Samples {@code processes} (duplicates by pid sampled once) and forgets the rate state of
   * every other pid.
   *
   * @return samples by pid, in first-seen order
   */
  public Map<Integer, Sampled> sample(Collection<ProcessInfo> processes) {
    Map<Integer, Sampled> result = new LinkedHashMap<>();
    for (ProcessInfo process : processes) {
      if (result.containsKey(process.pid())) {
        continue;
      }
      PerfSample sample = perf.sample(process);
      result.put(process.pid(), new Sampled(process, sample, rates.update(sample),
          details.username(process.pid()), details.cwd(process.pid())));
    }
    Set<Integer> alive = new HashSet<>(result.keySet());
    rates.retainOnly(alive);
    return result;
  }

  /** Returns how many pids have rate state now (gap 27 tests and a counter). */
  public int trackedPids() {
    return rates.size();
  }
}
