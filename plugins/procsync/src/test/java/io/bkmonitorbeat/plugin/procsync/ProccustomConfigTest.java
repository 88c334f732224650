package io.bkmonitorbeat.plugin.procsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Spec 8.2/8.3 step 2: a user process config to a proccustom child config. */
class ProccustomConfigTest {

  static byte[] resource(String name) throws Exception {
    return Files.readAllBytes(Path.of(ProccustomConfigTest.class.getResource("/" + name).toURI()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void xxHash64KnownVectors() {
    assertThat(XxHash64.hash(bytes(""))).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(XxHash64.hash(bytes("a"))).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(XxHash64.hash(bytes("abc"))).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(XxHash64.hash(bytes("Nobody inspects the spammish repetition")))
        .isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Test
  void taskIdsAreSyntheticAboveTwoToThe29() {
    // "" hashes to 0xEF46DB3751D8E999 = 17241709254077376921 (unsigned); mod 2147483647 that is
    // 812032011, above 2^29, so it stays.
    assertThat(ProccustomConfig.taskId(bytes(""))).isEqualTo(812032011L);
    for (int i = 0; i < 200; i++) {
      long id = ProccustomConfig.taskId(bytes("file " + i));
      assertThat(id).isGreaterThan(1L << 29).isLessThan(2147483647L + (1L << 29));
    }
  }

  @Test
  void rendersTheChildConfigInTheOriginalKeyOrder() throws Exception {
    byte[] source = resource("source-java.yaml");
    String expected = new String(resource("expected-java.conf"), StandardCharsets.UTF_8)
        .replace("TASK_ID", String.valueOf(ProccustomConfig.taskId(source)));

    assertThat(new String(ProccustomConfig.render("java.yaml", source), StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  @Test
  void emptyTagsAreOmitted() {
    String text = new String(ProccustomConfig.render("x", bytes("""
        dataid: 1
        period: 30s
        config: {match_pattern: nginx}
        """)), StandardCharsets.UTF_8);
    assertThat(text).contains("period: 30s\n", "labels: []\n", "match_pattern: nginx\n")
        .doesNotContain("tags");
  }

  @Test
  void unusableSourcesNameFileKeyAndValue() {
    assertThatThrownBy(() -> ProccustomConfig.render("/src/a.yaml", bytes("period: soon\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/src/a.yaml").hasMessageContaining("period")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> ProccustomConfig.render("/src/b.yaml", bytes("dataid: 1\n")))
        .hasMessageContaining("period: is required");
    assertThatThrownBy(() -> ProccustomConfig.render("/src/c.yaml", bytes("period: [1m\n")))
        .hasMessageContaining("/src/c.yaml: not valid YAML");
    assertThatThrownBy(() -> ProccustomConfig.render("/src/d.yaml", bytes("- 1\n")))
        .hasMessageContaining("must be a YAML map");
    assertThatThrownBy(() -> ProccustomConfig.render("/src/e.yaml",
        bytes("period: 1m\nconfig: {ports: 80}\n"))).hasMessageContaining("config.ports");
  }
}
