package io.bkmonitorbeat.host.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bkmonitorbeat.host.config.HostIdInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOutputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesOneJsonObjectPerLineWithAttachFields() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HostIdInfo file = new HostIdInfo("10.9.9.9", 5, 77, "", 0, 8, List.of());
    ConsoleOutput out = new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        () -> file);
    out.start();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> f = new HashMap<>(Map.of("dataid", 1001, "msg", "line\nbreak " + i));
      assertThat(out.publish(new OutboundEvent(1001, f))).isTrue();
    }
    assertThat(out.publish(new OutboundEvent(0, new HashMap<>(Map.of("x", 1))))).isFalse();
    out.close(Duration.ofSeconds(5));

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    List<Object> indexes = new ArrayList<>();
    for (String line : lines) {
      @SuppressWarnings("unchecked")
      Map<String, Object> event = MAPPER.readValue(line, Map.class);
      assertThat(event).containsEntry("ip", "10.9.9.9").containsEntry("cloudid", 5)
          .containsEntry("bk_host_id", 77).containsEntry("bk_biz_id", 8)
          .containsEntry("hostname", HostNames.osHostname());
      indexes.add(event.get("gseindex"));
    }
    assertThat(indexes).containsExactly(1, 2, 3);
    assertThat(out.counters()).containsEntry("gse_publish_total", 3L)
        .containsEntry("gse_publish_dropped", 1L);
  }
}
