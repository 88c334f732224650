package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readers against this machine's real /proc, /sys and libc. */
class RealHostTest {

  @Test
  void statfsOfTheRootFileSystem() {
    FsStat s = StatFs.stat("/").orElseThrow();
    assertThat(s.blocks()).isPositive();
    assertThat(s.blockSize()).isPositive();
    assertThat(s.blocksFree()).isBetween(0L, s.blocks());
    assertThat(StatFs.stat("/no/such/dir")).isEmpty();
    assertThat(FsTypes.name(StatFs.stat("/proc").orElseThrow().type())).isEqualTo("proc");
  }

  @Test
  void interfacesIncludeLoopbackWithItsAddress() {
    List<NetInterface> l = new NetInterfaces(ProcFs.system()).list();
    NetInterface lo = l.stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
    assertThat(lo.flags()).contains("up", "loopback");
    assertThat(lo.addrs()).contains("127.0.0.1/8");
    assertThat(lo.hardwareAddr()).isEmpty();
    assertThat(lo.mtu()).isPositive();
  }

  @Test
  void hostInfo() {
    HostInfo h = new HostInfo(ProcFs.system());
    assertThat(h.hostname()).isNotEmpty();
    assertThat(h.kernelVersion()).isEqualTo(System.getProperty("os.version"));
    assertThat(h.kernelArch()).isIn("x86_64", "aarch64");
    assertThat(h.uptimeSeconds()).isPositive();
    assertThat(h.hostId()).isNotEmpty();
    assertThat(HostInfo.systemType("x86_64")).isEqualTo("64-bit");
    assertThat(HostInfo.systemType("aarch64")).isEqualTo("arm-64bit");
    assertThat(HostInfo.systemType("i686")).isEqualTo("32-bit");
    assertThat(HostInfo.systemType("")).isEqualTo("unknown");
  }

  @Test
  void countersNeverGoNegative() {
    assertThat(Counters.delta(10, 15)).isEqualTo(5);
    assertThat(Counters.delta(15, 10)).isEqualTo(Counters.BACKWARDS);
    assertThat(Counters.deltaOrZero(15, 10)).isZero();
    // unsigned 64-bit values above Long.MAX_VALUE
    assertThat(Counters.delta(-10L, -5L)).isEqualTo(5);
    assertThat(Counters.delta(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(1);
  }
}
