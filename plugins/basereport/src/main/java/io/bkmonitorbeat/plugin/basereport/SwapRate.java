package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Counters;
import java.util.Map;

/**
 * {@code mem.swap_in}/{@code swap_out} in KB per second (spec 2.6). The original read the
 * counters twice one second apart inside every run; here the rate covers the whole interval since
 * the previous collection (real elapsed time), with no sleep, and a counter that went backwards
 * gives 0 instead of the original's unsigned wrap. Not thread-safe; collecting thread only.
 */
final class SwapRate {
  private long previousIn = -1;
  private long previousOut = -1;
  private long previousNanos;

  /** Returns {in, out} in KB/s and keeps this reading as the previous one. */
  double[] rates(Map<String, Long> vmstat, long nanos) {
    long in = MemReport.get(vmstat, "pswpin") * MemReport.PAGE;
    long out = MemReport.get(vmstat, "pswpout") * MemReport.PAGE;
    double[] r = {0, 0};
    double t = (nanos - previousNanos) / 1e9;
    if (previousIn >= 0 && t > 0) {
      r[0] = Counters.deltaOrZero(previousIn, in) / 1024.0 / t;
      r[1] = Counters.deltaOrZero(previousOut, out) / 1024.0 / t;
    }
    previousIn = in;
    previousOut = out;
    previousNanos = nanos;
    return r;
  }
}
