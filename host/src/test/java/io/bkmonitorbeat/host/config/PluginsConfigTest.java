package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsWithoutTheSection() {
    LoadedConfig loaded = ConfigLoader.load(Fixtures.main(dir, ""));
    assertThat(loaded.agent().plugins())
        .isEqualTo(new PluginsConfig(true, Duration.ofMillis(300), false, Optional.empty()));
    assertThat(loaded.warnings()).isEmpty();
  }

  @Test
  void readsEveryKeyWithTheTrustFileRelativeToTheMainFile() throws Exception {
    Path main = Fixtures.main(dir, "");
    Files.writeString(main, Files.readString(main)
        + "plugins: {watch: false, settle: 2s, restart_on_leak: true, trust_file: etc/my.trust}\n");
    PluginsConfig plugins = ConfigLoader.load(main).agent().plugins();
    assertThat(plugins.watch()).isFalse();
    assertThat(plugins.settle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plugins.restartOnLeak()).isTrue();
    assertThat(plugins.trustFile()).contains(dir.toAbsolutePath().resolve("etc/my.trust"));
  }

  @Test
  void aBadSettleTimeIsRejectedAtLoadNamingTheKey() throws Exception {
    Path main = Fixtures.main(dir, "");
    Files.writeString(main, Files.readString(main) + "plugins: {settle: 5m}\n");
    assertThatThrownBy(() -> ConfigLoader.load(main))
        .isInstanceOf(ConfigException.class).hasMessageContaining("plugins.settle")
        .hasMessageContaining("between 0s and 1m");
  }
}
