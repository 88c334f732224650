package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bkmonitorbeat.hostcommon.DiskStat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskSamplerTest {
  static DiskStat disk(long reads, long rSectors, long rTime, long writes, long wSectors,
      long wTime, long ioTime, long weighted) {
    return new DiskStat(259, 0, "nvme0n1", reads, 0, rSectors, rTime, writes, 0, wSectors, wTime,
        0, ioTime, weighted);
  }

  @Test
  void iostatFormulasOverTheRealInterval() {
    DiskSampler s = new DiskSampler();
    s.sample(List.of(disk(100, 1000, 50, 200, 4000, 150, 1000, 2000)), 0);
    DiskSampler.Rates r = s.sample(List.of(disk(300, 3000, 250, 400, 8000, 350, 2000, 4000)),
        2_000_000_000L).values().iterator().next();
    assertThat(r.ioRead()).isEqualTo(100.0);
    assertThat(r.ioWrite()).isEqualTo(100.0);
    assertThat(r.byteRead()).isEqualTo(2000 * 512 / 2.0);
    assertThat(r.byteWrite()).isEqualTo(4000 * 512 / 2.0);
    assertThat(r.util()).isCloseTo(0.5, within(1e-9));
    assertThat(r.avgquSz()).isCloseTo(1.0, within(1e-9));
    assertThat(r.await()).isCloseTo(1.0, within(1e-9));
    assertThat(r.svctm()).isCloseTo(2.5, within(1e-9));
    assertThat(r.avgrqSz()).isCloseTo(15.0, within(1e-9));
  }

  /** Gap 8: I/O time slightly above the measured interval is 100 % busy, not 0. */
  @Test
  void utilIsClampedToOne() {
    DiskSampler s = new DiskSampler();
    s.sample(List.of(disk(0, 0, 0, 0, 0, 0, 0, 0)), 0);
    DiskSampler.Rates r = s.sample(List.of(disk(1, 8, 1, 0, 0, 0, 1010, 0)), 1_000_000_000L)
        .values().iterator().next();
    assertThat(r.util()).isEqualTo(1.0);
  }

  @Test
  void aCounterGoingBackwardsGivesZeroRatesOnce() {
    DiskSampler s = new DiskSampler();
    s.sample(List.of(disk(1_000_000, 8_000_000, 5000, 10, 80, 5, 6000, 9000)), 0);
    DiskSampler.Rates reset = s.sample(List.of(disk(12, 96, 5, 0, 0, 0, 5, 5)), 1_000_000_000L)
        .values().iterator().next();
    assertThat(reset).isEqualTo(DiskSampler.Rates.ZERO);
    DiskSampler.Rates next = s.sample(List.of(disk(22, 176, 10, 0, 0, 0, 10, 10)), 2_000_000_000L)
        .values().iterator().next();
    assertThat(next.ioRead()).isEqualTo(10.0);
  }

  @Test
  void noIoMeansZeroAwait() {
    DiskSampler s = new DiskSampler();
    s.sample(List.of(disk(1, 1, 1, 1, 1, 1, 1, 1)), 0);
    DiskSampler.Rates r = s.sample(List.of(disk(1, 1, 1, 1, 1, 1, 1, 1)), 1_000_000_000L)
        .values().iterator().next();
    assertThat(r.await()).isZero();
    assertThat(r.svctm()).isZero();
    assertThat(r.avgrqSz()).isZero();
  }
}
