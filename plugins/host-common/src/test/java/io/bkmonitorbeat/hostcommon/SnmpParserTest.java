package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnmpParserTest {

  @Test
  void parsesHeaderValuePairsWithSignedValues() {
    Map<String, Map<String, Long>> m =
        SnmpParser.parse(Fixtures.lines("net-snmp-6.18.txt"), Malformed.IGNORE);
    assertThat(m).containsKeys("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite");
    assertThat(m.get("Tcp")).containsKeys("RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn",
        "ActiveOpens", "CurrEstab", "InCsumErrors");
    assertThat(m.get("Tcp").get("MaxConn")).isEqualTo(-1L);
    assertThat(m.get("Udp")).containsKeys("InDatagrams", "NoPorts", "IgnoredMulti");
  }

  @Test
  void mismatchedPairsAreReported() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    Map<String, Map<String, Long>> m = SnmpParser.parse(List.of(
        "Tcp: A B", "Tcp: 1", "Udp: InDatagrams", "Udp: 5"), r);
    assertThat(r.lines).hasSize(1);
    assertThat(m).containsOnlyKeys("Udp");
  }
}
