package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.CpuTimes;
import io.bkmonitorbeat.hostcommon.ProcStat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@code /proc/stat} readings into {@link CpuSample}s (spec 2.5). The previous
 * reading is explicit state; CPUs are matched by name, so a CPU hot-added while running starts
 * with zero deltas and a removed one simply disappears (#687), without a restart and without a
 * spike. A field that goes backwards (iowait does on some kernels) counts as 0.
 *
 * <p>Not thread-safe; {@link RateModules} serialises access.
 */
final class CpuSampler {
  private Map<String, CpuTimes> previous = Map.of();
  private CpuTimes previousTotal;

  /** Whether a baseline exists. */
  boolean hasBaseline() {
    return previousTotal != null;
  }

  /** Records a reading and returns the deltas since the previous one (all zero the first time). */
  CpuSample sample(ProcStat stat) {
    CpuTimes total = stat.total() == null ? zero("cpu") : stat.total();
    CpuTimes totalDelta = previousTotal == null ? zero("cpu") : delta(previousTotal, total);
    List<CpuTimes> per = new ArrayList<>(stat.cpus().size());
    List<Double> usage = new ArrayList<>(stat.cpus().size());
    Map<String, CpuTimes> current = new HashMap<>(stat.cpus().size() * 2);
    for (CpuTimes t : stat.cpus()) {
      current.put(t.name(), t);
      CpuTimes before = previous.get(t.name());
      CpuTimes d = before == null ? zero(t.name()) : delta(before, t);
      per.add(d);
      usage.add(usage(d));
    }
    previous = current;
    previousTotal = total;
    return new CpuSample(per, totalDelta, usage, usage(totalDelta));
  }

  /** The original's busy percentage of one delta (spec 2.5 step 5). */
  static double usage(CpuTimes d) {
    long busy = d.busy();
    long total = d.total();
    if (busy <= 0) {
      return 0;
    }
    if (total <= 0) {
      return 100;
    }
    double pct = busy * 100.0 / total;
    return pct < 0 || pct > 100 ? 0 : pct;
  }

  private static CpuTimes delta(CpuTimes a, CpuTimes b) {
    return new CpuTimes(b.name(), d(a.user(), b.user()), d(a.nice(), b.nice()),
        d(a.system(), b.system()), d(a.idle(), b.idle()), d(a.iowait(), b.iowait()),
        d(a.irq(), b.irq()), d(a.softirq(), b.softirq()), d(a.steal(), b.steal()),
        d(a.guest(), b.guest()), d(a.guestNice(), b.guestNice()));
  }

  private static long d(long before, long after) {
    return after >= before ? after - before : 0;
  }

  private static CpuTimes zero(String name) {
    return new CpuTimes(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
