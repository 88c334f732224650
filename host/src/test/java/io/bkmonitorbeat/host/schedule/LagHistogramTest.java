package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagHistogramTest {

  @Test
  void bucketsCoverEveryValueWithBoundedError() {
    long[] samples = {0, 1, 15, 16, 17, 100, 1_000, 123_456, 10_000_000, Long.MAX_VALUE};
    for (long v : samples) {
      int i = LagHistogram.index(v);
      assertThat(LagHistogram.upperBound(i)).isGreaterThanOrEqualTo(v);
      assertThat((double) LagHistogram.upperBound(i)).isLessThanOrEqualTo(v * 1.125 + 1);
      if (i > 0) {
        assertThat(LagHistogram.upperBound(i - 1)).isLessThan(v);
      }
    }
  }

  @Test
  void percentilesAndMax() {
    LagHistogram h = new LagHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.record(i); // 1..1000 us
    }
    h.record(-5); // counts as 0
    SchedulerStats.Lag lag = h.snapshot();
    assertThat(lag.count()).isEqualTo(1001);
    assertThat(lag.p50Micros()).isBetween(500L, 563L);
    assertThat(lag.p99Micros()).isBetween(990L, 1000L);
    assertThat(lag.maxMicros()).isEqualTo(1000);
    h.reset();
    assertThat(h.snapshot()).isEqualTo(new SchedulerStats.Lag(0, 0, 0, 0));
  }
}
