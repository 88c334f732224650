package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.NetDevCounters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetSamplerTest {
  static NetDevCounters dev(String name, long rxBytes, long rxPackets, long txBytes,
      long txPackets) {
    return new NetDevCounters(name, rxBytes, rxPackets, 1, 2, 3, 4, 0, 5, txBytes, txPackets, 6,
        7, 8, 9, 10, 0);
  }

  @Test
  void ratesUseTheRealElapsedTime() {
    NetSampler s = new NetSampler();
    s.sample(List.of(dev("eth0", 1000, 10, 2000, 20)), 0);
    Map<String, NetRate> r = s.sample(List.of(dev("eth0", 3500, 15, 2000, 30)), 2_500_000_000L);
    NetRate eth0 = r.get("eth0");
    assertThat(eth0.speedRecv()).isEqualTo(1000.0);
    assertThat(eth0.speedSent()).isZero();
    assertThat(eth0.speedPacketsRecv()).isEqualTo(2.0);
    assertThat(eth0.speedPacketsSent()).isEqualTo(4.0);
  }

  /** #1496/#1502: a counter reset or 32-bit wrap gives 0, never a huge unsigned difference. */
  @Test
  void aCounterGoingBackwardsGivesZeroAndRebaselines() {
    NetSampler s = new NetSampler();
    s.sample(List.of(dev("eth0", 4_294_967_000L, 10, 2000, 20)), 0);
    NetRate wrapped = s.sample(List.of(dev("eth0", 500, 12, 2100, 21)), 1_000_000_000L).get("eth0");
    assertThat(wrapped.speedRecv()).isZero();
    assertThat(wrapped.speedSent()).isZero();
    NetRate next = s.sample(List.of(dev("eth0", 1500, 14, 2200, 22)), 2_000_000_000L).get("eth0");
    assertThat(next.speedRecv()).isEqualTo(1000.0);
    assertThat(next.speedSent()).isEqualTo(100.0);
  }

  @Test
  void aNewInterfaceStartsAtZero() {
    NetSampler s = new NetSampler();
    s.sample(List.of(dev("eth0", 0, 0, 0, 0)), 0);
    Map<String, NetRate> r = s.sample(List.of(dev("eth0", 0, 0, 0, 0),
        dev("eth1", 999_999, 99, 999_999, 99)), 1_000_000_000L);
    assertThat(r.get("eth1").peak()).isZero();
  }

  /** Gap 1: carrier and collisions come from their own columns. */
  @Test
  void devJsonHasEveryFieldWithCarrierAndCollisionsNotSwapped() {
    Map<String, Object> j = new NetRate(dev("eth0", 100, 1, 200, 2), 10.4, 20.6, 1, 2).toJson();
    assertThat(j).containsOnlyKeys("name", "bytesSent", "bytesRecv", "packetsSent", "packetsRecv",
        "errin", "errout", "dropin", "dropout", "fifoin", "fifoout", "errors", "dropped",
        "overruns", "carrier", "collisions", "speedSent", "speedRecv", "speedPacketsSent",
        "speedPacketsRecv");
    assertThat(j).containsEntry("collisions", 9L).containsEntry("carrier", 10L)
        .containsEntry("errors", 7L).containsEntry("dropped", 9L).containsEntry("overruns", 11L)
        .containsEntry("speedRecv", 10L).containsEntry("speedSent", 21L)
        .containsEntry("bytesRecv", 100L).containsEntry("packetsSent", 2L);
  }
}
