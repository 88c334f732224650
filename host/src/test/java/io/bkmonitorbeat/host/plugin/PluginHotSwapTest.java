package io.bkmonitorbeat.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJar;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PluginCatalog#refresh}: jars added, removed, replaced and broken while the host runs. */
class PluginHotSwapTest {
  @TempDir Path plugins;
  @TempDir Path build;
  @TempDir Path copies;
  private final List<String> released = new ArrayList<>();
  private final PluginUsers users = released::add;

  private PluginCatalog catalog(Duration settle, Path trust) {
    return new PluginCatalog(new PluginCatalog.Options(plugins, trust, copies, settle));
  }

  /** A jar of plugin {@code id} at {@code version} serving type {@code type}, built outside plugins/. */
  private Path jar(String name, String id, String version, String type) {
    return TestPlugins.echo(build.resolve(name + "-" + version + ".jar"), id, type, version).build();
  }

  private static void install(Path jar, Path target) throws IOException {
    // As an operator should: copy next to it under a hidden name, then rename into place.
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void addedJarsLoadRemovedOnesUnloadAfterTheirUsersReleasedThem() throws Exception {
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      catalog.loadAll();
      assertThat(catalog.statuses()).isEmpty();

      install(jar("echo", "echo", "1.0.0", "echo"), plugins.resolve("echo.jar"));
      PluginRefresh added = catalog.refresh(users);
      assertThat(added.loaded()).containsExactly("echo@1.0.0");
      assertThat(catalog.provider("echo")).isPresent();
      WeakReference<ClassLoader> loader =
          new WeakReference<>(catalog.provider("echo").orElseThrow().classLoader());

      assertThat(catalog.refresh(users).anything()).as("nothing changed").isFalse();

      Files.delete(plugins.resolve("echo.jar"));
      PluginRefresh removed = catalog.refresh(users);
      assertThat(removed.unloaded()).containsExactly("echo@1.0.0");
      assertThat(released).containsExactly("echo");
      assertThat(catalog.provider("echo")).isEmpty();
      assertThat(catalog.statuses()).isEmpty();
      assertThat(catalog.leakCheckPending()).isTrue();
      assertThat(catalog.checkLeaks(20)).isEmpty();
      assertThat(loader.get()).isNull();
      assertThat(catalog.counters()).containsEntry("plugins_loaded_total", 1L)
          .containsEntry("plugins_unloaded_total", 1L).containsEntry("plugins_collected_total", 1L)
          .containsEntry("plugins_leaked", 0L);
    }
  }

  @Test
  void upgradeAndDowngradeInPlaceAndByRenaming() throws Exception {
    Path v1 = jar("echo", "echo", "1.0.0", "echo");
    Path v2 = jar("echo", "echo", "2.0.0", "echo");
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      install(v1, plugins.resolve("echo.jar"));
      catalog.loadAll();
      ClassLoader first = catalog.provider("echo").orElseThrow().classLoader();

      install(v2, plugins.resolve("echo.jar")); // upgrade in place
      PluginRefresh upgrade = catalog.refresh(users);
      assertThat(upgrade.unloaded()).containsExactly("echo@1.0.0");
      assertThat(upgrade.loaded()).containsExactly("echo@2.0.0");
      assertThat(released).containsExactly("echo");
      assertThat(catalog.provider("echo").orElseThrow().pluginVersion()).isEqualTo("2.0.0");
      assertThat(catalog.provider("echo").orElseThrow().classLoader()).isNotSameAs(first);

      // downgrade by the usual rename: the new file appears and the old one goes in one scan
      install(v1, plugins.resolve("echo-1.0.0.jar"));
      Files.delete(plugins.resolve("echo.jar"));
      PluginRefresh downgrade = catalog.refresh(users);
      assertThat(downgrade.unloaded()).containsExactly("echo@2.0.0");
      assertThat(downgrade.loaded()).containsExactly("echo@1.0.0");
      assertThat(catalog.statuses()).singleElement().satisfies(status -> {
        assertThat(status.jar().getFileName()).hasToString("echo-1.0.0.jar");
        assertThat(status.version()).isEqualTo("1.0.0");
        assertThat(status.failure()).isEmpty();
      });
    }
  }

  @Test
  void aReplacementRejectedBeforeLoadingLeavesTheOldPluginRunningUntouched() throws Exception {
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      install(jar("echo", "echo", "1.0.0", "echo"), plugins.resolve("echo.jar"));
      catalog.loadAll();
      LoadedProvider before = catalog.provider("echo").orElseThrow();

      // a corrupted jar over the old one
      Files.write(plugins.resolve("echo.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
      PluginRefresh corrupt = catalog.refresh(users);
      assertThat(corrupt.failed()).containsExactly("echo.jar");
      assertThat(corrupt.changed()).isFalse();
      assertThat(released).isEmpty();
      assertThat(catalog.provider("echo")).containsSame(before);
      assertThat(catalog.statuses()).singleElement().satisfies(status -> {
        assertThat(status.running()).isTrue();
        assertThat(status.version()).isEqualTo("1.0.0");
        assertThat(status.failure()).contains("replacement 'echo.jar' rejected", "cannot load");
      });
      assertThat(catalog.refresh(users).anything()).as("the same broken file is not retried").isFalse();

      // a jar for a future API
      Path future = TestPlugins.echo(build.resolve("future.jar"), "echo", "echo", "3.0.0")
          .requires(">=9.0.0").build();
      install(future, plugins.resolve("echo.jar"));
      assertThat(catalog.refresh(users).failed()).containsExactly("echo.jar");
      assertThat(catalog.provider("echo")).containsSame(before);
      assertThat(catalog.statuses().get(0).failure()).contains("Plugin-Requires '>=9.0.0'");
    }
  }

  @Test
  void aReplacementThatFailsToStartBringsTheOldPluginBack() throws Exception {
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      install(jar("echo", "echo", "1.0.0", "echo"), plugins.resolve("echo.jar"));
      catalog.loadAll();

      Path broken = PluginJar.builder(build.resolve("broken.jar"), "echo").version("2.0.0")
          .source("acme.b.EchoProvider",
              TestPlugins.echoProvider("acme.b", "echo", "2.0.0", "throw new IllegalStateException(\"v2 ctor\");"))
          .extension("acme.b.EchoProvider")
          .build();
      install(broken, plugins.resolve("echo.jar"));
      PluginRefresh result = catalog.refresh(users);

      assertThat(result.unloaded()).containsExactly("echo@1.0.0");
      assertThat(result.loaded()).containsExactly("echo@1.0.0"); // brought back from its copy
      assertThat(result.failed()).containsExactly("echo.jar");
      assertThat(released).containsExactly("echo");
      assertThat(catalog.provider("echo").orElseThrow().pluginVersion()).isEqualTo("1.0.0");
      assertThat(catalog.statuses()).singleElement().satisfies(status ->
          assertThat(status.failure()).contains("v2 ctor"));
    }
  }

  @Test
  void aHalfWrittenJarWaitsForTheSettleTime() throws Exception {
    byte[] whole = Files.readAllBytes(jar("echo", "echo", "1.0.0", "echo"));
    Path target = plugins.resolve("echo.jar");
    try (PluginCatalog catalog = catalog(Duration.ofMillis(300), null)) {
      Files.write(target, java.util.Arrays.copyOf(whole, whole.length / 2));
      PluginRefresh first = catalog.refresh(users);
      assertThat(first.anything()).isFalse();
      assertThat(first.retryAfter()).isPresent();

      Files.write(target, whole); // the copy goes on: size changes, the settle time restarts
      Thread.sleep(150);
      assertThat(catalog.refresh(users).anything()).isFalse();
      Thread.sleep(350);
      PluginRefresh settled = catalog.refresh(users);
      assertThat(settled.loaded()).containsExactly("echo@1.0.0");
      assertThat(settled.failed()).isEmpty();
    }
  }

  @Test
  void twoJarsWithTheSameIdTheSecondWaitsUntilTheFirstGoes() throws Exception {
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      install(jar("a", "echo", "1.0.0", "echo"), plugins.resolve("a.jar"));
      catalog.loadAll();
      install(jar("b", "echo", "1.1.0", "echo"), plugins.resolve("b.jar"));
      PluginRefresh duplicate = catalog.refresh(users);
      assertThat(duplicate.failed()).containsExactly("b.jar");
      assertThat(catalog.statuses()).extracting(PluginStatus::failure)
          .containsExactly("", "plugin id 'echo' is already loaded from 'a.jar'");

      Files.delete(plugins.resolve("a.jar"));
      PluginRefresh gone = catalog.refresh(users);
      assertThat(gone.unloaded()).containsExactly("echo@1.0.0");
      assertThat(gone.retryAfter()).isPresent();
      PluginRefresh retried = catalog.refresh(users);
      assertThat(retried.loaded()).containsExactly("echo@1.1.0");
      assertThat(catalog.provider("echo").orElseThrow().pluginVersion()).isEqualTo("1.1.0");
    }
  }

  @Test
  void withATrustFileOnlyListedDigestsLoad() throws Exception {
    Path good = jar("echo", "echo", "1.0.0", "echo");
    install(good, plugins.resolve("echo.jar"));
    install(jar("other", "other", "1.0.0", "other"), plugins.resolve("other.jar"));
    Path trust = build.resolve("plugins.trust");
    Files.writeString(trust, "# sha256sum plugins/*.jar\n" + sha256(good) + "  plugins/echo.jar\n");
    try (PluginCatalog catalog = catalog(Duration.ZERO, trust)) {
      catalog.loadAll();
      assertThat(catalog.provider("echo")).isPresent();
      assertThat(catalog.provider("other")).isEmpty();
      assertThat(catalog.statuses().get(1).failure()).contains("not listed in the trust file");

      // tampered: one byte of the jar changed after it was trusted
      byte[] bytes = Files.readAllBytes(good);
      bytes[bytes.length - 30] ^= 1;
      Path tampered = build.resolve("tampered.jar");
      Files.write(tampered, bytes);
      install(tampered, plugins.resolve("echo.jar"));
      PluginRefresh result = catalog.refresh(users);
      assertThat(result.failed()).containsExactly("echo.jar");
      assertThat(catalog.provider("echo")).isPresent(); // the trusted one keeps running
      assertThat(catalog.statuses().get(0).failure()).contains("does not match the trust file");
    }
  }

  @Test
  void neitherThePluginJarsNorTheirCopiesStayOpen() throws Exception {
    try (PluginCatalog catalog = catalog(Duration.ZERO, null)) {
      for (int i = 0; i < 5; i++) {
        install(jar("echo", "echo", "1.0." + i, "echo"), plugins.resolve("echo.jar"));
        catalog.refresh(users);
        assertThat(catalog.provider("echo")).isPresent();
        assertThat(openFilesUnder(plugins)).as("plugins/ while loaded").isEmpty();
      }
      Files.delete(plugins.resolve("echo.jar"));
      catalog.refresh(users);
      assertThat(catalog.checkLeaks(20)).isEmpty();
      assertThat(openFilesUnder(plugins)).isEmpty();
      assertThat(openFilesUnder(copies)).as("copies after unload").isEmpty();
      try (Stream<Path> left = Files.list(copies)) {
        assertThat(left).as("copies are deleted with their plugin").isEmpty();
      }
    }
  }

  private static List<String> openFilesUnder(Path dir) throws IOException {
    return OpenFiles.under(dir);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
