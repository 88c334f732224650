package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load (PF4J #614: no index, no extensions). */
class PluginJarIT {

  private static Path pluginJar() {
    String path = System.getProperty("plugin.jar");
    assertThat(path).as("system property plugin.jar (set by failsafe)").isNotBlank();
    Path jar = Path.of(path);
    assertThat(jar).exists();
    return jar;
  }

  @Test
  void jarHasTheExtensionIndexAndPf4jManifest() throws Exception {
    try (JarFile jar = new JarFile(pluginJar().toFile())) {
      ZipEntry index = jar.getEntry("META-INF/extensions.idx");
      assertThat(index).as("META-INF/extensions.idx").isNotNull();
      try (InputStream in = jar.getInputStream(index)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
            .contains(PingCollectorProvider.class.getName());
      }
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Plugin-Id")).isEqualTo("ping");
      assertThat(manifest.getValue("Plugin-Version")).isEqualTo("1.0.0");
      assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
      assertThat(jar.getEntry("io/bkmonitorbeat/plugin/ping/PingCollectorProvider.class")).isNotNull();
      assertThat(jar.getEntry("io/bkmonitorbeat/probe/Matcher.class"))
          .as("probe-common is shaded in").isNotNull();
    }
  }

  @Test
  void jarDoesNotBundleHostProvidedClasses() throws Exception {
    try (JarFile jar = new JarFile(pluginJar().toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .isNotEmpty()
          .noneMatch(name -> name.startsWith("io/bkmonitorbeat/api/"))
          .noneMatch(name -> name.startsWith("org/pf4j/"))
          .noneMatch(name -> name.startsWith("org/slf4j/"))
          .as("jnr-ffi comes from the host, parent-first")
          .noneMatch(name -> name.startsWith("jnr/"))
          .noneMatch(name -> name.startsWith("com/kenai/"))
          .noneMatch(name -> name.startsWith("org/objectweb/asm/"));
    }
    assertThat(Files.size(pluginJar())).isLessThan(1_000_000L);
  }
}
