package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.SnmpParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolStatsTest {
  static Map<String, Map<String, Long>> snmp(long active, long estab, long inSegs, long udpIn) {
    return SnmpParser.parse(("""
        Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens CurrEstab InSegs
        Tcp: 1 200 120000 -1 %d 5 %d %d
        Udp: InDatagrams NoPorts InErrors OutDatagrams
        Udp: %d 1 0 7
        """).formatted(active, estab, inSegs, udpIn).lines().toList(), Malformed.IGNORE);
  }

  /** Gap 10: gauges are current values; counters are non-negative differences. */
  @Test
  void countersAreDifferencedAndGaugesAreNot() {
    ProtocolStats p = new ProtocolStats();
    Map<String, Object> first = p.report(snmp(100, 40, 1000, 50));
    @SuppressWarnings("unchecked")
    Map<String, Object> tcp0 = (Map<String, Object>) first.get("tcp");
    assertThat(tcp0).containsEntry("activeOpens", 0L).containsEntry("currEstab", 40L)
        .containsEntry("maxConn", -1L).containsEntry("rtoMin", 200L);
    Map<String, Object> second = p.report(snmp(130, 25, 900, 80));
    @SuppressWarnings("unchecked")
    Map<String, Object> tcp = (Map<String, Object>) second.get("tcp");
    @SuppressWarnings("unchecked")
    Map<String, Object> udp = (Map<String, Object>) second.get("udp");
    assertThat(tcp).containsEntry("activeOpens", 30L).containsEntry("currEstab", 25L)
        .containsEntry("inSegs", 0L).containsEntry("rtoAlgorithm", 1L)
        .containsEntry("rtoMax", 120000L).containsEntry("passiveOpens", 0L);
    assertThat(udp).containsOnlyKeys("inDatagrams", "noPorts", "inErrors", "outDatagrams")
        .containsEntry("inDatagrams", 30L);
  }
}
