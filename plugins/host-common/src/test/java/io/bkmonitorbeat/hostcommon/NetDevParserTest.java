package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetDevParserTest {

  @Test
  void parsesEveryColumnIncludingUnsigned64BitValues() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    List<NetDevCounters> l = NetDevParser.parse(Fixtures.lines("net-dev-3.10-bond.txt"), r);
    assertThat(l).extracting(NetDevCounters::name)
        .containsExactly("eth0", "eth1", "bond0", "lo", "docker0", "veth1a2b3c");
    assertThat(r.lines).containsExactly("/proc/net/dev:  broken: 1 2 3");
    NetDevCounters eth0 = l.get(0);
    assertThat(Long.toUnsignedString(eth0.bytesRecv())).isEqualTo("18446744073709551610");
    assertThat(eth0.errin()).isEqualTo(3);
    assertThat(eth0.dropin()).isEqualTo(4);
    assertThat(eth0.fifoin()).isEqualTo(5);
    assertThat(eth0.framein()).isEqualTo(6);
    assertThat(eth0.multicastin()).isEqualTo(12345);
    assertThat(eth0.errout()).isEqualTo(7);
    assertThat(eth0.dropout()).isEqualTo(8);
    assertThat(eth0.fifoout()).isEqualTo(9);
    assertThat(eth0.colls()).isEqualTo(10);
    assertThat(eth0.carrier()).isEqualTo(11);
  }

  @Test
  void thisMachinesKernel() {
    List<NetDevCounters> l = NetDevParser.parse(Fixtures.lines("net-dev-6.18.txt"), Malformed.IGNORE);
    assertThat(l).extracting(NetDevCounters::name).contains("lo", "eth0");
  }
}
