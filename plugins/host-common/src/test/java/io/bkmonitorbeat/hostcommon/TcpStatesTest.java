package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpStatesTest {

  @Test
  void countsIpv4AndIpv6SocketsByState() {
    Map<String, Long> c = TcpStates.zero();
    TcpStates.count(Fixtures.bytes("net-tcp.txt"), c, "/proc/net/tcp", Malformed.IGNORE);
    TcpStates.count(Fixtures.bytes("net-tcp6.txt"), c, "/proc/net/tcp6", Malformed.IGNORE);
    assertThat(c).isEqualTo(Map.ofEntries(
        Map.entry("established", 2L), Map.entry("syncSent", 0L), Map.entry("synRecv", 1L),
        Map.entry("finWait1", 0L), Map.entry("finWait2", 0L), Map.entry("timeWait", 2L),
        Map.entry("close", 0L), Map.entry("closeWait", 1L), Map.entry("lastAck", 0L),
        Map.entry("listen", 3L), Map.entry("closing", 0L)));
    assertThat(c.keySet()).containsExactlyElementsOf(TcpStates.KEYS);
  }

  @Test
  void unknownStatesAreMalformed() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    Map<String, Long> c = TcpStates.zero();
    TcpStates.count("header\n   0: 0:0 0:0 7F 0\n   1: 0:0 0:0 01 0\n\n".getBytes(), c, "t", r);
    assertThat(r.lines).containsExactly("t:    0: 0:0 0:0 7F 0");
    assertThat(c.get("established")).isEqualTo(1L);
  }
}
