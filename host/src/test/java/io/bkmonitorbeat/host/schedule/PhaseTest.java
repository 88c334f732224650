package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTest {
  private static final long TEN_S = 10_000_000;

  @Test
  void sameTaskSamePhase() {
    assertThat(Phase.phaseMicros("tcp-db-1", 42, TEN_S))
        .isEqualTo(Phase.phaseMicros("tcp-db-1", 42, TEN_S));
    assertThat(Phase.phaseMicros("tcp-db-1", 42, TEN_S))
        .isNotEqualTo(Phase.phaseMicros("tcp-db-2", 42, TEN_S));
  }

  @Test
  void tenThousandTasksSpreadUniformlyOverThePeriod() {
    int[] buckets = new int[10];
    for (int i = 0; i < 10_000; i++) {
      long phase = Phase.phaseMicros("tcp-" + i, i, TEN_S);
      assertThat(phase).isBetween(0L, TEN_S - 1);
      buckets[(int) (phase / (TEN_S / 10))]++;
    }
    // Expected 1000 each; a uniform spread stays well within +-15% (about 5 sigma).
    for (int n : buckets) {
      assertThat(n).isBetween(850, 1150);
    }
  }

  @Test
  void phaseStaysBelowShortPeriodsAndIsNonNegativeForNegativeIds() {
    for (int i = -500; i < 500; i++) {
      assertThat(Phase.phaseMicros("x" + i, i, 1_000_000)).isBetween(0L, 999_999L);
      assertThat(Phase.phaseMicros("x" + i, i, 1)).isZero();
    }
  }

  @Test
  void slotArithmetic() {
    assertThat(Phase.slotAtOrAfter(25, 10, 3)).isEqualTo(33);
    assertThat(Phase.slotAtOrAfter(23, 10, 3)).isEqualTo(23);
    assertThat(Phase.slotAtOrBefore(32, 10, 3)).isEqualTo(23);
    assertThat(Phase.slotAtOrAfter(-5, 10, 3)).isEqualTo(3);
  }
}
