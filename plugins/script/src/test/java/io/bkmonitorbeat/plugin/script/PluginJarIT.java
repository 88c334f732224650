package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesWhatItNeeds() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "script", "1.0.0", ScriptCollectorProvider.class.getName());
    assertThat(entries).as("the shared parser is shaded in").contains("io/bkmonitorbeat/prom/PromTextParser.class");
    assertThat(entries).as("JSch is shaded in, with its Java 11+/15+ classes (X25519, Ed25519)")
        .contains("com/jcraft/jsch/JSch.class")
        .anyMatch(name -> name.startsWith("META-INF/versions/15/com/jcraft/jsch/"));
    assertThat(entries).as("jnr-ffi comes from the host, parent-first")
        .noneMatch(name -> name.startsWith("jnr/"))
        .noneMatch(name -> name.startsWith("com/kenai/"));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release"))
          .as("JSch's versioned classes are used only in a multi-release jar").isEqualTo("true");
    }
    assertThat(Files.size(jar)).isLessThan(2_000_000L);
  }
}
