package io.bkmonitorbeat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

  @Test
  void copiesFieldsDeeplyAndImmutably() {
    List<Object> groups = new ArrayList<>(List.of(Map.of("env", "prod")));
    Event event = Event.builder("tcp", 1009).put("group_info", groups).put("status", 0).build();
    groups.add(Map.of());

    assertThat(event.dataId()).isEqualTo(1009);
    assertThat(event.fields().get("group_info")).isEqualTo(List.of(Map.of("env", "prod")));
    assertThat(event.status()).contains(0L);
    assertThatThrownBy(() -> event.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsOnlyJsonValuesOfJdkTypes() {
    assertThatThrownBy(() -> Event.builder("tcp", 1).put("when", new Object()).build())
        .hasMessageContaining("field 'when' must be a JSON value of JDK types, was java.lang.Object");
  }

  @Test
  void requiresAPositiveIntegerDataId() {
    assertThatThrownBy(() -> Event.builder("tcp", 0).build()).hasMessageContaining("dataid");
    assertThatThrownBy(() -> Event.of("tcp", Map.of("dataid", "1"))).hasMessageContaining("dataid");
  }

  @Test
  void statusIsEmptyWhenNotAnInteger() {
    assertThat(Event.builder("x", 1).put("status", "0").build().status()).isEmpty();
    assertThat(Event.builder("x", 1).build().status()).isEmpty();
  }

  @Test
  void errorCodesKeepTheirNumbersAndNames() {
    assertThat(ErrorCode.DNS_RESOLVE_FAILED.code()).isEqualTo(1004);
    assertThat(ErrorCode.DNS_RESOLVE_FAILED.upCodeName()).isEqualTo("DNSResolveFailed");
    assertThat(ErrorCode.of(2501)).isEqualTo(ErrorCode.CONN_REFUSED);
    assertThat(ErrorCode.values()).hasSize(21);
    assertThat(PluginApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
  }
}
