package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.NetDevCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One interface's counters and its rates over one sampling interval.
 *
 * @param counters the cumulative counters at the end of the interval
 * @param speedRecv received bytes per second
 * @param speedSent sent bytes per second
 * @param speedPacketsRecv received packets per second
 * @param speedPacketsSent sent packets per second
 */
record NetRate(
    NetDevCounters counters, double speedRecv, double speedSent, double speedPacketsRecv,
    double speedPacketsSent) {

  /** The original keeps, per interface, the sample with the largest of the two byte rates. */
  double peak() {
    return Math.max(speedRecv, speedSent);
  }

  /**
   * The {@code net.dev[]} item. Gap 1 fixed: {@code carrier} is the carrier column and {@code
   * collisions} the colls column (the original swapped them). Speeds stay integers, as the
   * original's uint64 fields, but are rounded from the real-time rate instead of truncated.
   */
  Map<String, Object> toJson() {
    NetDevCounters c = counters;
    Map<String, Object> m = new LinkedHashMap<>(32);
    m.put("name", c.name());
    m.put("bytesSent", c.bytesSent());
    m.put("bytesRecv", c.bytesRecv());
    m.put("packetsSent", c.packetsSent());
    m.put("packetsRecv", c.packetsRecv());
    m.put("errin", c.errin());
    m.put("errout", c.errout());
    m.put("dropin", c.dropin());
    m.put("dropout", c.dropout());
    m.put("fifoin", c.fifoin());
    m.put("fifoout", c.fifoout());
    m.put("errors", c.errin() + c.errout());
    m.put("dropped", c.dropin() + c.dropout());
    m.put("overruns", c.fifoin() + c.fifoout());
    m.put("carrier", c.carrier());
    m.put("collisions", c.colls());
    m.put("speedSent", Math.round(speedSent));
    m.put("speedRecv", Math.round(speedRecv));
    m.put("speedPacketsSent", Math.round(speedPacketsSent));
    m.put("speedPacketsRecv", Math.round(speedPacketsRecv));
    return m;
  }
}
