package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Counters;
import io.bkmonitorbeat.hostcommon.DiskStat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@code /proc/diskstats} readings into per-device rates (spec 2.8) over the real
 * elapsed time. A device any of whose counters went backwards reports zero rates for that
 * interval and is re-baselined; a device new since the previous reading reports zero rates.
 *
 * <p>Not thread-safe; {@link RateModules} serialises access.
 */
final class DiskSampler {
  /** The computed rates of one device; names and serials are filled in by the caller. */
  record Rates(double ioRead, double ioWrite, double byteRead, double byteWrite, double util,
      double avgquSz, double await, double svctm, double avgrqSz) {
    static final Rates ZERO = new Rates(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  private Map<String, DiskStat> previous = Map.of();
  private long previousNanos;

  /** Records a reading taken at {@code nanos}; returns the rates by device name. */
  Map<String, Rates> sample(List<DiskStat> reading, long nanos) {
    double t = previous.isEmpty() ? 0 : (nanos - previousNanos) / 1e9;
    Map<String, Rates> out = new HashMap<>(reading.size() * 2);
    Map<String, DiskStat> current = new HashMap<>(reading.size() * 2);
    for (DiskStat s : reading) {
      current.put(s.name(), s);
      DiskStat b = previous.get(s.name());
      out.put(s.name(), b == null || t <= 0 ? Rates.ZERO : rates(b, s, t));
    }
    previous = current;
    previousNanos = nanos;
    return out;
  }

  static Rates rates(DiskStat b, DiskStat s, double t) {
    long reads = Counters.delta(b.readCount(), s.readCount());
    long writes = Counters.delta(b.writeCount(), s.writeCount());
    long rSectors = Counters.delta(b.readSectors(), s.readSectors());
    long wSectors = Counters.delta(b.writeSectors(), s.writeSectors());
    long rTime = Counters.delta(b.readTime(), s.readTime());
    long wTime = Counters.delta(b.writeTime(), s.writeTime());
    long ioTime = Counters.delta(b.ioTime(), s.ioTime());
    long weighted = Counters.delta(b.weightedIO(), s.weightedIO());
    if ((reads | writes | rSectors | wSectors | rTime | wTime | ioTime | weighted) < 0) {
      return Rates.ZERO;
    }
    long ios = reads + writes;
    double util = Math.min(1.0, ioTime / 1000.0 / t);
    double await = ios == 0 ? 0 : (double) (rTime + wTime) / ios;
    double svctm = ios == 0 ? 0 : (double) ioTime / ios;
    double avgrq = ios == 0 ? 0 : (double) (rSectors + wSectors) / ios;
    return new Rates(reads / t, writes / t, rSectors * DiskRate.SECTOR / t,
        wSectors * DiskRate.SECTOR / t, util, weighted / 1000.0 / t, await, svctm, avgrq);
  }
}
