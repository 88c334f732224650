package io.bkmonitorbeat.plugin.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelExpanderTest {
  static final List<Map<String, Object>> LEVELS = List.of(
      Map.of("bk_biz_id", 3L, "bk_set_id", 11L, "bk_module_id", 56L, "rack", 2L),
      Map.of("bk_biz_id", 13L, "bk_set_id", 22L, "bk_module_id", 82L));

  private static Map<String, String> label(String level, String id, String ip) {
    return KeywordSettings.labels(List.of(Map.of("bk_collect_config_id", "59", "bk_target_topo_level", level,
        "bk_target_topo_id", id, "bk_target_ip", ip))).get(0);
  }

  @Test
  void topologyLabelHitsTheMatchingLevelAndRenamesCustomKeys() {
    List<Map<String, String>> dims = LabelExpander.expand(List.of(label("set", "11", "")), LEVELS, "10.0.0.5", 0);
    assertThat(dims).hasSize(1);
    assertThat(dims.get(0)).containsEntry("bk_collect_config_id", "59").containsEntry("bk_set_id", "11")
        .containsEntry("bk_module_id", "56").containsEntry("bk_rack_id", "2")
        .containsEntry("bk_target_ip", "10.0.0.5").containsEntry("bk_target_cloud_id", "0")
        .containsEntry("bk_target_topo_level", "set");
  }

  @Test
  void customLevelAndIpOnlyLabels() {
    assertThat(LabelExpander.expand(List.of(label("rack", "2", "")), LEVELS, "10.0.0.5", 0)).hasSize(1);
    assertThat(LabelExpander.expand(List.of(label("", "", "10.0.0.5")), LEVELS, "10.0.0.5", 0)).hasSize(2);
    assertThat(LabelExpander.expand(List.of(label("module", "999", "")), LEVELS, "10.0.0.5", 0)).isEmpty();
    assertThat(LabelExpander.expand(List.of(label("set", "11", "")), List.of(), "10.0.0.5", 0)).isEmpty();
  }

  @Test
  void theHostsTopologyMapsAreNotWrittenTo() {
    Map<String, Object> level = new java.util.HashMap<>(LEVELS.get(0));
    LabelExpander.expand(List.of(label("", "", "10.0.0.5")), List.of(level), "10.0.0.5", 0);
    assertThat(level).doesNotContainKeys("bk_host_innerip", "bk_cloud_id", "bk_target_ip"); // gap 26
  }
}
