package io.bkmonitorbeat.testkit;

import io.bkmonitorbeat.api.PluginApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/**
 * Checks a built plugin jar against what the host needs to load it: the PF4J extension index
 * naming the provider (PF4J #614: no index, no extensions), the manifest keys, and none of the
 * classes the host supplies parent-first (a bundled copy would shadow nothing but bloat the jar,
 * or worse, break isolation if the policy changed).
 */
public final class PluginJarCheck {
  private static final List<String> HOST_PROVIDED = List.of("io/bkmonitorbeat/api/", "org/pf4j/", "org/slf4j/");

  private PluginJarCheck() {}

  /** Returns the jar that failsafe passes as the system property {@code plugin.jar}. */
  public static Path builtJar() {
    String path = System.getProperty("plugin.jar");
    assertTrue(path != null && !path.isBlank(), "system property plugin.jar (set by failsafe)");
    Path jar = Path.of(path);
    assertTrue(Files.isRegularFile(jar), jar + " exists");
    return jar;
  }

  /**
   * Verifies the PF4J contract of {@code jar} and returns the names of its entries, for the
   * plugin's own further checks.
   */
  public static Set<String> verify(Path jar, String pluginId, String version, String providerClass)
      throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry index = file.getEntry("META-INF/extensions.idx");
      assertNotNull(index, "META-INF/extensions.idx");
      try (InputStream in = file.getInputStream(index)) {
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.contains(providerClass), "extensions.idx names " + providerClass + ": " + lines);
      }
      Attributes manifest = file.getManifest().getMainAttributes();
      assertEquals(pluginId, manifest.getValue("Plugin-Id"), "Plugin-Id");
      assertEquals(version, manifest.getValue("Plugin-Version"), "Plugin-Version");
      assertEquals(">=" + PluginApi.VERSION + " & <2.0.0", manifest.getValue("Plugin-Requires"),
          "Plugin-Requires: at least the API version it was built against");
      Set<String> entries = file.stream().map(ZipEntry::getName).collect(Collectors.toSet());
      assertTrue(entries.contains(providerClass.replace('.', '/') + ".class"), "provider class inside");
      for (String entry : entries) {
        for (String prefix : HOST_PROVIDED) {
          assertTrue(!entry.startsWith(prefix), "host-provided class bundled: " + entry);
        }
      }
      return entries;
    }
  }
}
