package io.bkmonitorbeat.configwriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void yamlKeepsOrderAndTypesAndReadsBack() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("type", "processbeat");
    config.put("task_id", 0);
    config.put("period", "1m0s");
    config.put("labels", List.of(Map.of("bk_biz_id", "2")));
    config.put("odd", List.of("true", "007", "a: b", "", "#x", "no"));
    config.put("ports", List.of(80, 443));
    config.put("empty", List.of());
    config.put("flag", false);

    String text = new String(YamlText.render(config), StandardCharsets.UTF_8);

    assertThat(text).startsWith("type: processbeat\ntask_id: 0\nperiod: 1m0s\n");
    assertThat(text).contains("empty: []\n");
    Object back = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
    assertThat(back).isEqualTo(config);
    assertThat(YamlText.render(config)).isEqualTo(YamlText.render(new LinkedHashMap<>(config)));
  }
}
