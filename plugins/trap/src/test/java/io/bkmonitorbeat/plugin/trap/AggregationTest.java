package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AggregationTest {

  private static TrapRecord record(Map<String, String> content, Map<String, String> dims, long ts) {
    return new TrapRecord(new TreeMap<>(content), dims, ts, "t");
  }

  @Test
  void keyIgnoresVarbindValuesAgentPortTimestampAndSysUpTime() {
    TrapRecord a = record(Map.of("x(.1.2)", "1", ".1.3.6.1.2.1.1.3.0(.1.3.6.1.2.1.1.3.0)", "5",
        "agent_port", "1000", "timestamp", "10:00:00 2024/01/01"), Map.of("agent_port", "1000"), 1);
    TrapRecord b = record(Map.of("x(.1.2)", "2", "agent_port", "2000",
        "timestamp", "10:00:01 2024/01/01"), Map.of("agent_port", "2000"), 2);
    assertThat(a.aggregationKey()).isEqualTo(b.aggregationKey());
  }

  @Test
  void keyDependsOnTheVarbindSetAndOnDimensionValues() {
    TrapRecord base = record(Map.of("x(.1.2)", "1"), Map.of("agent_address", "10.0.0.1"), 1);
    assertThat(base.aggregationKey())
        .isNotEqualTo(record(Map.of("y(.1.3)", "1"), Map.of("agent_address", "10.0.0.1"), 1).aggregationKey())
        .isNotEqualTo(record(Map.of("x(.1.2)", "1"), Map.of("agent_address", "10.0.0.2"), 1).aggregationKey())
        .isNotEqualTo(record(Map.of("x(.1.2)", "1"),
            Map.of("agent_address", "10.0.0.1", "1_2", "other"), 1).aggregationKey());
  }

  @Test
  void aggregatorKeepsTheFirstTrapAndCountsRepeatsUntilDrained() {
    Aggregator aggregator = new Aggregator(2);
    TrapRecord first = record(Map.of("x(.1.2)", "1"), Map.of(), 100);
    assertThat(aggregator.add(first)).isTrue();
    assertThat(aggregator.add(record(Map.of("x(.1.2)", "2"), Map.of(), 200))).isTrue();
    assertThat(aggregator.add(record(Map.of("y(.1.3)", "2"), Map.of(), 300))).isTrue();
    assertThat(aggregator.add(record(Map.of("z(.1.4)", "2"), Map.of(), 400))).as("cache full").isFalse();
    assertThat(aggregator.overflow()).isEqualTo(1);
    var drained = aggregator.drain();
    assertThat(drained).hasSize(2);
    assertThat(drained.get(0).first()).isSameAs(first);
    assertThat(drained.get(0).count()).isEqualTo(2);
    assertThat(drained.get(1).count()).isEqualTo(1);
    assertThat(aggregator.drain()).isEmpty();
  }

  @Test
  void eventHasTheSpecShapeWithContentAsSortedJson() {
    TrapRecord record = record(Map.of("b(.1.2)", "q\"<", "a", "1"),
        Map.of("display_name", "linkDown"), 1234L);
    var event = TrapEvents.toEvent(1500, "tgt", new Aggregator.Pending(record, 3));
    assertThat(event.type()).isEqualTo("snmptrap");
    assertThat(event.fields()).containsEntry("dataid", 1500).containsOnlyKeys("dataid", "data");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) ((java.util.List<?>) event.fields().get("data")).get(0);
    assertThat(data).containsEntry("event_name", "t").containsEntry("target", "tgt")
        .containsEntry("timestamp", 1234L)
        .containsEntry("dimension", Map.of("display_name", "linkDown"))
        .containsEntry("event", Map.of("content", "{\"a\":\"1\",\"b(.1.2)\":\"q\\\"\\u003c\"}", "count", 3L));
  }
}
