package io.bkmonitorbeat.hostcommon;

import java.util.List;

/**
 * The parsed {@code /proc/stat}.
 *
 * @param total the aggregate {@code cpu} line, or null when the file had none
 * @param cpus the per-CPU lines in file order (online CPUs only; a hot-added CPU appears here)
 * @param ctxt context switches since boot
 * @param bootTime boot time, unix seconds
 * @param processes forks since boot
 * @param procsRunning runnable tasks now
 * @param procsBlocked tasks blocked on I/O now
 */
public record ProcStat(
    CpuTimes total, List<CpuTimes> cpus, long ctxt, long bootTime, long processes,
    long procsRunning, long procsBlocked) {

  /** Copies the list. */
  public ProcStat {
    cpus = List.copyOf(cpus);
  }
}
