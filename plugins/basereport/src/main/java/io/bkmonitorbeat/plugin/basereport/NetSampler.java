package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Counters;
import io.bkmonitorbeat.hostcommon.NetDevCounters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@code /proc/net/dev} readings into per-interface rates over the real elapsed
 * time (nanoseconds, not the original's whole seconds). An interface whose byte or packet counters
 * went backwards (driver reset, 32-bit wrap, re-created device) reports 0 for that interval and
 * is re-baselined, instead of the original's 5-round FIFO heuristics: never a spike (#1496/#1502).
 * A new interface reports 0 until its second reading.
 *
 * <p>Not thread-safe; {@link RateModules} serialises access.
 */
final class NetSampler {
  private Map<String, NetDevCounters> previous = Map.of();
  private long previousNanos;

  /** Records a reading taken at {@code nanos} and returns the rates, by interface name. */
  Map<String, NetRate> sample(List<NetDevCounters> reading, long nanos) {
    double seconds = previous.isEmpty() ? 0 : (nanos - previousNanos) / 1e9;
    Map<String, NetRate> out = new LinkedHashMap<>(reading.size() * 2);
    Map<String, NetDevCounters> current = new HashMap<>(reading.size() * 2);
    for (NetDevCounters c : reading) {
      current.put(c.name(), c);
      NetDevCounters before = previous.get(c.name());
      if (before == null || seconds <= 0) {
        out.put(c.name(), new NetRate(c, 0, 0, 0, 0));
        continue;
      }
      long rb = Counters.delta(before.bytesRecv(), c.bytesRecv());
      long sb = Counters.delta(before.bytesSent(), c.bytesSent());
      long rp = Counters.delta(before.packetsRecv(), c.packetsRecv());
      long sp = Counters.delta(before.packetsSent(), c.packetsSent());
      if (rb < 0 || sb < 0 || rp < 0 || sp < 0) {
        out.put(c.name(), new NetRate(c, 0, 0, 0, 0));
        continue;
      }
      out.put(c.name(), new NetRate(c, rb / seconds, sb / seconds, rp / seconds, sp / seconds));
    }
    previous = current;
    previousNanos = nanos;
    return out;
  }
}
