package io.bkmonitorbeat.tail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryTest {
  @Test
  void escapingRoundTrips() {
    String path = "/var/log/a\tb\\c\nd\re.log";
    assertThat(Registry.unescape(Registry.escape(path))).isEqualTo(path);
    assertThat(Registry.escape(path)).doesNotContain("\t", "\n", "\r");
  }
}
