package io.bkmonitorbeat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "10, 10000000000",
    "0.5, 500000000",
    "1m30s, 90000000000",
    "500ms, 500000000",
    "1.5h, 5400000000000",
    "2h45m0.5s, 9900500000000",
    "100us, 100000",
    "100µs, 100000",
    "7ns, 7",
    "-3s, -3000000000",
    "0, 0"
  })
  void parsesGoSyntaxAndBareSeconds(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "10x", "1d", "abc", "1..5s", "-"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"90000, 1m30s", "500, 500ms", "3600000, 1h0m0s", "0, 0s", "1500, 1.5s"})
  void formatsLikeGo(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void takesNumbersAsSeconds() {
    assertThat(Durations.parse(3)).isEqualTo(Duration.ofSeconds(3));
    assertThat(Durations.parse(2.5)).isEqualTo(Duration.ofMillis(2500));
  }
}
