package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.DiskstatsParser;
import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.NetDevCounters;
import io.bkmonitorbeat.hostcommon.NetDevParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two real-looking /proc/diskstats readings 10 s apart in which sda's counters went backwards (a
 * re-attached disk) while the NVMe disk kept counting; and a 64-bit NIC counter that wraps.
 */
class CounterResetFixtureTest {
  static List<String> fixture(String name) throws Exception {
    try (InputStream in = CounterResetFixtureTest.class.getResourceAsStream("/proc/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void aDiskWhoseCountersWentBackwardsReportsZeroNotASpike() throws Exception {
    DiskSampler s = new DiskSampler();
    s.sample(DiskstatsParser.parse(fixture("diskstats-5.15-nvme-loop.txt"), Malformed.IGNORE), 0);
    Map<String, DiskSampler.Rates> r = s.sample(DiskstatsParser.parse(
        fixture("diskstats-5.15-nvme-loop-later.txt"), Malformed.IGNORE), 10_000_000_000L);
    assertThat(r.get("sda")).isEqualTo(DiskSampler.Rates.ZERO);
    assertThat(r.get("nvme0n1").ioRead()).isEqualTo(10.0);
    assertThat(r.get("nvme0n1").byteRead()).isEqualTo(20000 * 512 / 10.0);
    assertThat(r.get("nvme0n1").ioWrite()).isEqualTo(10.0);
    assertThat(r.get("loop0")).isEqualTo(DiskSampler.Rates.ZERO);
  }

  @Test
  void a64BitNicCounterWrapReportsZero() {
    List<String> before = List.of("h", "h",
        "  eth0: 18446744073709551610 100 0 0 0 0 0 0 5000 50 0 0 0 0 0 0");
    List<String> after = List.of("h", "h",
        "  eth0: 1000 110 0 0 0 0 0 0 6000 60 0 0 0 0 0 0");
    NetSampler s = new NetSampler();
    s.sample(NetDevParser.parse(before, Malformed.IGNORE), 0);
    List<NetDevCounters> next = NetDevParser.parse(after, Malformed.IGNORE);
    NetRate r = s.sample(next, 1_000_000_000L).get("eth0");
    assertThat(r.speedRecv()).isZero();
    assertThat(r.speedSent()).isZero();
  }
}
