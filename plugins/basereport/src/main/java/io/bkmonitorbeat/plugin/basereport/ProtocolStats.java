package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Counters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code net.protocolstat} object (spec 2.10): the {@code Tcp:} and {@code Udp:} rows of
 * {@code /proc/net/snmp}, keys with a lower-case first letter. Counters are reported as the
 * difference to the previous collection (0 the first time, and 0 when a counter went backwards).
 * Gap 10 fixed: the gauges ({@code currEstab}, {@code maxConn}, {@code rtoAlgorithm}, {@code
 * rtoMin}, {@code rtoMax}) are reported as their current value, not differenced (a difference of
 * a gauge is meaningless and was usually 0 or negative).
 *
 * <p>Not thread-safe; used by the collecting thread only.
 */
final class ProtocolStats {
  static final Set<String> GAUGES = Set.of("RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn",
      "CurrEstab");

  private Map<String, Map<String, Long>> previous;

  /** Returns the protocolstat object for this reading and keeps it as the previous one. */
  Map<String, Object> report(Map<String, Map<String, Long>> snmp) {
    Map<String, Object> out = new LinkedHashMap<>(4);
    for (String proto : new String[] {"Tcp", "Udp"}) {
      Map<String, Long> row = snmp.get(proto);
      if (row == null) {
        continue; // the original leaves the key out on error
      }
      Map<String, Long> before = previous == null ? null : previous.get(proto);
      Map<String, Object> m = new LinkedHashMap<>(row.size() * 2);
      for (Map.Entry<String, Long> e : row.entrySet()) {
        String key = lowerFirst(e.getKey());
        long value = e.getValue();
        if (GAUGES.contains(e.getKey())) {
          m.put(key, value);
        } else {
          Long b = before == null ? null : before.get(e.getKey());
          m.put(key, b == null ? 0L : Counters.deltaOrZero(b, value));
        }
      }
      out.put(proto.toLowerCase(java.util.Locale.ROOT), m);
    }
    previous = snmp;
    return out;
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
