package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostIdParserTest {
  static final String VALID = """
      { "bk_host_id": 3, "bk_cloud_id": 2, "bk_host_innerip": "10.0.0.5,10.0.0.6",
        "tenant_id": "system", "dataid": 11, "bk_host_outerip": "",
        "associations": {
          "82": { "bk_biz_id": 13, "bk_set_id": 22, "bk_module_id": 82, "bk_set_name": "s", "layer": null },
          "56": { "bk_biz_id": 0, "bk_set_id": 11, "bk_module_id": 56,
                  "layer": { "bk_obj_id": "rack", "bk_inst_id": 2,
                             "child": { "bk_obj_id": "row", "bk_inst_id": 31, "child": null } } },
          "9": { "bk_biz_id": 1.5 },
          "7": { "bk_biz_id": 5, "layer": { "bk_obj_id": "rack" } } } }
      """;

  @Test
  void validFile() {
    HostIdInfo info = HostIdParser.parse(VALID, 10);
    assertThat(info.innerIp()).isEqualTo("10.0.0.5");
    assertThat(info.cloudId()).isEqualTo(2);
    assertThat(info.hostId()).isEqualTo(3);
    assertThat(info.tenantId()).isEqualTo("system");
    assertThat(info.dataId()).isEqualTo(11);
    assertThat(info.cmdbLevels()).containsExactly(
        Map.of("bk_biz_id", 0L, "bk_set_id", 11L, "bk_module_id", 56L, "rack", 2L, "row", 31L),
        Map.of("bk_biz_id", 13L, "bk_set_id", 22L, "bk_module_id", 82L));
    assertThat(info.bizId()).isEqualTo(13);
  }

  @Test
  void levelsAreLimited() {
    assertThat(HostIdParser.parse(VALID, 1).cmdbLevels()).hasSize(1);
  }

  @Test
  void partialFileGivesDefaults() {
    HostIdInfo info = HostIdParser.parse("{\"bk_host_innerip\": \"10.1.1.1\"}", 10);
    assertThat(info).isEqualTo(new HostIdInfo("10.1.1.1", 0, 0, "", 0, 0, List.of()));
  }

  @Test
  void scalarsOfAnotherTypeAreReadAsJacksonsTreeReadThem() {
    // What JsonNode.asInt/asText gave before the host moved to the streaming parser.
    HostIdInfo info = HostIdParser.parse("""
        {"bk_host_innerip": 10, "bk_cloud_id": " 7 ", "bk_host_id": true, "dataid": "x",
         "tenant_id": {"nested": 1}, "bk_host_outerip": ["1.2.3.4"]}""", 10);
    assertThat(info.innerIp()).isEqualTo("10");
    assertThat(info.cloudId()).isEqualTo(7);
    assertThat(info.hostId()).isEqualTo(1);
    assertThat(info.dataId()).isZero();
    assertThat(info.tenantId()).isEmpty();
    assertThat(info.outerIp()).isEmpty();
  }

  @Test
  void malformedFiles() {
    assertThatThrownBy(() -> HostIdParser.parse("{\"bk_host_id\": ", 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    assertThatThrownBy(() -> HostIdParser.parse("[1]", 10)).hasMessageContaining("object");
    assertThatThrownBy(() -> HostIdParser.parse("{\"bk_mem\": 1.5}", 10))
        .hasMessageContaining("bk_mem");
  }
}
