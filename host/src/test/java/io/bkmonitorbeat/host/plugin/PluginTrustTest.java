package io.bkmonitorbeat.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginTrustTest {
  private static final String A = "a".repeat(64);
  private static final String B = "B".repeat(64);

  @TempDir Path dir;

  @Test
  void withoutATrustFileEveryJarMayLoad() {
    assertThat(new PluginTrust(dir.resolve("none.trust")).check("x.jar", A)).isEmpty();
  }

  @Test
  void readsSha256sumOutputByFileName() throws Exception {
    Path file = Files.writeString(dir.resolve("plugins.trust"),
        "# comment\n\n" + A + "  plugins/x.jar\n" + B + " *y.jar\n");
    PluginTrust trust = new PluginTrust(file);
    assertThat(trust.check("x.jar", A)).isEmpty();
    assertThat(trust.check("y.jar", B.toLowerCase())).isEmpty();
    assertThat(trust.check("x.jar", B)).get().asString().contains("does not match");
    assertThat(trust.check("z.jar", A)).get().asString().contains("not listed");
  }

  @Test
  void aMalformedTrustFileRejectsEveryJarWithTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("plugins.trust"), A + "  x.jar\nnot a digest line\n");
    assertThat(new PluginTrust(file).check("x.jar", A)).get().asString()
        .contains("cannot be read").contains("line 2");
  }
}
