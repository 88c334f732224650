package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
  @TempDir Path dir;

  @Test
  void dottedKeysEqualNestedKeysAndDeepMerge() {
    Map<String, Object> dotted =
        YamlReader.parse("a.yml", "output.bkpipe:\n  endpoint: /x\noutput:\n  bkpipe:\n    n: 1\n");
    Map<String, Object> nested =
        YamlReader.parse("b.yml", "output:\n  bkpipe:\n    endpoint: /x\n    n: 1\n");
    assertThat(dotted).isEqualTo(nested);
  }

  @Test
  void dottedKeysExpandAtDeeperLevelsToo() {
    Map<String, Object> map =
        YamlReader.parse("a.yml", "bkmonitorbeat:\n  heart_beat.period: 30s\n");
    assertThat(map).isEqualTo(Map.of("bkmonitorbeat", Map.of("heart_beat", Map.of("period", "30s"))));
  }

  @Test
  void oidKeysAndOtherNonIdentifierKeysStayIntact() {
    Map<String, Object> map =
        YamlReader.parse("t.yml", "oids:\n  1.3.6.1.4.1: sysName\n  .1.3.6: x\n  a.1b: y\n");
    assertThat(((Map<?, ?>) map.get("oids")).keySet()).map(Object::toString).containsExactly("1.3.6.1.4.1", ".1.3.6", "a.1b");
  }

  @Test
  void syntaxErrorNamesFileLineAndColumn() throws Exception {
    Path file = dir.resolve("broken.yml");
    Files.writeString(file, "a: 1\nb: [1, 2\nc: 3\n");
    assertThatThrownBy(() -> YamlReader.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
  }

  @Test
  void commentOnlyDocumentIsEmptyAndScalarDocumentIsAnError() {
    assertThat(YamlReader.parse("c.yml", "# nothing\n")).isEmpty();
    assertThatThrownBy(() -> YamlReader.parse("s.yml", "just text"))
        .hasMessageContaining("s.yml");
  }
}
