package io.bkmonitorbeat.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void behavesAsAReadOnlyMapEqualToAHashMap() {
    Labels labels = Labels.of("job", "node", "instance", "h:9100");
    Map<String, String> map = new LinkedHashMap<>();
    map.put("job", "node");
    map.put("instance", "h:9100");
    assertThat(labels).isEqualTo(map);
    assertThat(map).isEqualTo(labels);
    assertThat(labels.hashCode()).isEqualTo(map.hashCode());
    assertThat(Labels.of(map)).isEqualTo(labels);
    assertThat(labels.containsKey("job")).isTrue();
    assertThat(labels.get("nope")).isNull();
    assertThat(labels.toString()).isEqualTo("{job=\"node\",instance=\"h:9100\"}");
    assertThatThrownBy(() -> labels.put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> labels.name(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Labels.of("odd")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Labels.of(Map.of())).isSameAs(Labels.EMPTY);
  }
}
