package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleTimeTest {
  private static final long NOW = 1_764_000_000_123_000_000L; // 2025-11-24, ns
  private static final Duration OFFSET = ScriptSettings.DEFAULT_TIME_OFFSET;

  @Test
  void missingTimestampIsNowToTheMillisecond() {
    assertThat(SampleTime.toEpochNanos(Double.NaN, NOW, OFFSET)).isEqualTo(1_764_000_000_123_000_000L);
  }

  @Test
  void secondsAndMillisecondsBothLandOnTheRightInstant() {
    assertThat(SampleTime.toEpochNanos(1_763_999_000, NOW, OFFSET)).isEqualTo(1_763_999_000_000_000_000L);
    assertThat(SampleTime.toEpochNanos(1_763_999_000_250.0, NOW, OFFSET)).isEqualTo(1_763_999_000_250_000_000L);
    assertThat(SampleTime.toEpochNanos(1_763_999_000.5, NOW, OFFSET)).isEqualTo(1_763_999_000_500_000_000L);
  }

  @Test
  void zeroTooOldAndOverflowingBecomeNowButFutureIsKept() {
    assertThat(SampleTime.toEpochNanos(0, NOW, OFFSET)).isEqualTo(NOW);
    assertThat(SampleTime.toEpochNanos(-5, NOW, OFFSET)).isEqualTo(NOW);
    long threeYearsAgo = 1_764_000_000L - 3L * 365 * 86400;
    assertThat(SampleTime.toEpochNanos(threeYearsAgo, NOW, OFFSET)).isEqualTo(NOW);
    assertThat(SampleTime.toEpochNanos(threeYearsAgo, NOW, Duration.ofDays(4 * 365)))
        .isEqualTo(threeYearsAgo * 1_000_000_000L);
    long nextYear = 1_764_000_000L + 365 * 86400;
    assertThat(SampleTime.toEpochNanos(nextYear, NOW, OFFSET)).isEqualTo(nextYear * 1_000_000_000L);
    assertThat(SampleTime.toEpochNanos(5e8, NOW, OFFSET)).as("seconds class beyond a long").isEqualTo(NOW);
  }

  @Test
  void smallValuesAreMinutesAsInTheOriginal() {
    // 500 as written is 500,000 on the millisecond scale: below 1e6, read as minutes.
    assertThat(SampleTime.toEpochNanos(500, NOW, Duration.ofDays(100 * 365)))
        .isEqualTo(500_000L * 60_000_000_000L);
    assertThat(SampleTime.toEpochNanos(500, NOW, OFFSET)).as("1970 is too old").isEqualTo(NOW);
  }
}
