package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputConverterTest {
  private static final long NOW = 1_764_000_000_123_000_000L;

  private static OutputConverter.Result convert(String text, ScriptSettings.TimestampUnit unit) {
    return OutputConverter.convert(text.getBytes(StandardCharsets.UTF_8), NOW, unit, ScriptSettings.DEFAULT_TIME_OFFSET);
  }

  @Test
  void samplesWithTheSameLabelsAndTimeShareOneGroupAndLastWins() {
    OutputConverter.Result result = convert("""
        # HELP disk_used bytes used
        # TYPE disk_used gauge
        disk_used{mount="/",dev="sda1"} 10
        disk_free{dev="sda1",mount="/"} 20

        disk_used{mount="/data",dev="sdb1"} 30
        disk_used{mount="/",dev="sda1"} 11
        load1 0.5
        """, ScriptSettings.TimestampUnit.SECONDS);
    assertThat(result.formatErrors()).isZero();
    assertThat(result.groups()).hasSize(3);
    OutputConverter.Group first = result.groups().get(0);
    assertThat(first.labels()).containsExactly(Map.entry("dev", "sda1"), Map.entry("mount", "/"));
    assertThat(first.metrics()).containsExactly(Map.entry("disk_used", 11.0), Map.entry("disk_free", 20.0));
    assertThat(first.time()).isEqualTo(1_764_000_000L);
    assertThat(result.groups().get(2).labels()).isEmpty();
    assertThat(result.groups().get(2).metrics()).containsExactly(Map.entry("load1", 0.5));
  }

  @Test
  void differentTimestampsMakeDifferentGroupsInTheTaskUnit() {
    OutputConverter.Result result = convert("""
        a 1 1763999000
        b 2 1763999000000
        c 3 1763999001500
        """, ScriptSettings.TimestampUnit.MILLISECONDS);
    assertThat(result.groups()).extracting(OutputConverter.Group::time)
        .containsExactly(1_763_999_000_000L, 1_763_999_001_500L);
    assertThat(result.groups().get(0).metrics()).containsOnlyKeys("a", "b");
  }

  @Test
  void malformedLinesAndNonFiniteValuesAreCountedAndTheRestKept() {
    OutputConverter.Result result = convert("""
        good 1
        this is not prometheus
        bad{label="x" 2
        nan_value NaN
        inf_value +Inf
        also_good{a="b"} 2
        """, ScriptSettings.TimestampUnit.SECONDS);
    assertThat(result.formatErrors()).isEqualTo(4);
    assertThat(result.firstErrors()).hasSize(OutputConverter.KEPT_ERRORS);
    assertThat(result.firstErrors().get(0)).contains("line 2");
    assertThat(result.groups()).hasSize(2);
  }

  @Test
  void traceExemplarsAreKeptAndSeparateGroups() {
    OutputConverter.Result result = convert("""
        req_seconds{path="/a"} 0.2 # {trace_id="abc",span_id="def"} 0.25 1763999000.5
        req_count{path="/a"} 7
        other{path="/a"} 1 # {foo="bar"} 1
        """, ScriptSettings.TimestampUnit.SECONDS);
    assertThat(result.formatErrors()).isZero();
    assertThat(result.groups()).hasSize(3);
    assertThat(result.groups().get(0).exemplar()).containsExactly(
        Map.entry("bk_trace_id", "abc"), Map.entry("bk_span_id", "def"),
        Map.entry("bk_trace_timestamp", 1_763_999_000_500L), Map.entry("bk_trace_value", 0.25));
    assertThat(result.groups().get(1).exemplar()).isEmpty();
    assertThat(result.groups().get(2).exemplar()).as("no trace labels").isEmpty();
  }
}
