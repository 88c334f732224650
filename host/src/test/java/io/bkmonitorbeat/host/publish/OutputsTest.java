package io.bkmonitorbeat.host.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.host.config.HostIdInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {
  @TempDir Path data;

  private Output create(Map<String, Object> output) {
    return Outputs.create(Settings.of("main.yml", "output", output), () -> HostIdInfo.EMPTY, data);
  }

  @Test
  void noOutputIsAnError() {
    assertThatThrownBy(() -> create(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("main.yml: output: exactly one output must be configured, found none");
  }

  @Test
  void twoOutputsAreAnError() {
    Map<String, Object> two = new LinkedHashMap<>();
    two.put("bkpipe", Map.of("endpoint", "/tmp/x"));
    two.put("console", Map.of());
    assertThatThrownBy(() -> create(two))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("main.yml: output:")
        .hasMessageContaining("found 2: [bkpipe, console]");
  }

  @Test
  void aDisabledOutputDoesNotCount() {
    Map<String, Object> two = new LinkedHashMap<>();
    two.put("bkpipe", Map.of("enabled", false));
    two.put("console", Map.of());
    assertThat(create(two)).isInstanceOf(ConsoleOutput.class);
  }

  @Test
  void unknownOutputNamesTheKey() {
    assertThatThrownBy(() -> create(Map.of("kafka", Map.of())))
        .hasMessageStartingWith("main.yml: output.kafka: is not a known output");
  }

  @ParameterizedTest
  @CsvSource({"gse", "bkpipe", "bkpipe_ignore", "bkpipe_multi", "bkpipe_multi_ignore"})
  void everyGseNameMakesAGseOutput(String name) {
    Output out = create(Map.of(name, Map.of("endpoint", "/tmp/none.sock", "mqsize", 1,
        "retrytimes", 3, "retryinterval", "3s", "synccfg", true, "monitorid", 295)));
    assertThat(out).isInstanceOf(GseOutput.class);
    out.close(Duration.ZERO);
  }

  @Test
  void consoleMakesAConsoleOutput() {
    Map<String, Object> console = new HashMap<>();
    console.put("console", null); // "console:" with nothing under it
    assertThat(create(console)).isInstanceOf(ConsoleOutput.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "queue_size | -1 | main.yml: output.gse.queue_size: must be > 0, was '-1'",
      "queue_size | lots | main.yml: output.gse.queue_size: must be an integer, was 'lots'",
      "overflow | block | main.yml: output.gse.overflow: must be drop_oldest or drop_newest, was 'block'",
      "transport | jni | main.yml: output.gse.transport: must be jnr or jdk, was 'jni'",
      "writetimeout | soon | main.yml: output.gse.writetimeout: must be a duration such as 10s or 1m30s, was 'soon'",
      "readtimeout | -1s | main.yml: output.gse.readtimeout: must not be negative, was '-1s'",
      "bk_addressing | roaming | main.yml: output.gse.bk_addressing: must be static or dynamic, was 'roaming'",
      "cloudid | x | main.yml: output.gse.cloudid: must be an integer, was 'x'",
      "retrytimes | many | main.yml: output.gse.retrytimes: must be an integer, was 'many'",
  })
  void badValuesNameTheKeyPathAndValue(String key, String value, String message) {
    assertThatThrownBy(() -> create(Map.of("gse", Map.of(key, value))))
        .isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void defaults() {
    GseConfig c = GseConfig.from(Settings.of("", "output.gse", Map.of()));
    assertThat(c.endpoint()).isEqualTo("/usr/local/gse/gseagent/ipc.state.report");
    assertThat(c.queueSize()).isEqualTo(8192);
    assertThat(c.overflow()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.cloudId()).isEmpty();
  }
}
