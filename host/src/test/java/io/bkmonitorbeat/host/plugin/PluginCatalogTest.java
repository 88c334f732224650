package io.bkmonitorbeat.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PluginApi;
import io.bkmonitorbeat.testkit.PluginJar;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCatalogTest {
  @TempDir Path plugins;

  @Test
  void loadsAGoodPluginInItsOwnLoaderWithTheHostsApi() {
    TestPlugins.echo(plugins.resolve("echo.jar"), "echo", "echo", "1.0.0").build();

    try (PluginCatalog catalog = new PluginCatalog(plugins)) {
      catalog.loadAll();

      LoadedProvider echo = catalog.provider("echo").orElseThrow();
      assertThat(echo.pluginId()).isEqualTo("echo");
      assertThat(echo.pluginVersion()).isEqualTo("1.0.0");
      assertThat(echo.classLoader()).isInstanceOf(HostPluginClassLoader.class);
      assertThat(echo.provider().getClass().getClassLoader()).isSameAs(echo.classLoader());
      assertThat(catalog.statuses()).singleElement().satisfies(status -> {
        assertThat(status.running()).isTrue();
        assertThat(status.types()).containsExactly("echo");
        assertThat(status.label()).isEqualTo("echo@1.0.0");
      });
    }
  }

  @Test
  void aBundledCopyOfTheApiIsIgnoredInFavourOfTheHosts() throws Exception {
    String apiClass = CollectorProvider.class.getName().replace('.', '/') + ".class";
    byte[] copy;
    try (InputStream in = CollectorProvider.class.getClassLoader().getResourceAsStream(apiClass)) {
      copy = in.readAllBytes();
    }
    TestPlugins.echo(plugins.resolve("bundles-api.jar"), "bundler", "echo", "1.0.0")
        .resource(apiClass, copy)
        .build();

    try (PluginCatalog catalog = new PluginCatalog(plugins)) {
      catalog.loadAll();

      LoadedProvider echo = catalog.provider("echo").orElseThrow();
      assertThat(echo.classLoader().loadClass(CollectorProvider.class.getName()))
          .isSameAs(CollectorProvider.class);
    }
  }

  @Test
  void brokenJarsAreReportedWithTheirReasonAndTheRestRuns() {
    TestPlugins.echo(plugins.resolve("a-good.jar"), "good", "echo", "1.0.0").build();
    PluginJar.builder(plugins.resolve("b-no-manifest.jar"), "nomanifest").withoutManifest().build();
    TestPlugins.echo(plugins.resolve("c-future-api.jar"), "future", "future", "1.0.0")
        .requires(">=2.0.0 & <3.0.0").build();
    PluginJar.builder(plugins.resolve("d-plugin-class-throws.jar"), "boom")
        .source("acme.boom.BoomPlugin", """
            package acme.boom;
            public class BoomPlugin extends org.pf4j.Plugin {
              public BoomPlugin() { throw new IllegalStateException("boom in constructor"); }
            }""")
        .pluginClass("acme.boom.BoomPlugin")
        .build();
    PluginJar.builder(plugins.resolve("e-extension-throws.jar"), "ctor")
        .source("acme.ctor.EchoProvider",
            TestPlugins.echoProvider("acme.ctor", "ctor", "1.0.0", "throw new IllegalStateException(\"bad ctor\");"))
        .extension("acme.ctor.EchoProvider")
        .build();
    TestPlugins.echo(plugins.resolve("f-missing-class.jar"), "missing", "missing", "1.0.0")
        .omitClass("acme.missing.EchoProvider$1")
        .source("acme.missing.Helper", "package acme.missing; public class Helper {}")
        .build();
    TestPlugins.echo(plugins.resolve("g-same-type.jar"), "sametype", "echo", "1.0.0").build();
    TestPlugins.echo(plugins.resolve("h-same-id.jar"), "good", "other", "1.0.0").build();

    try (PluginCatalog catalog = new PluginCatalog(plugins)) {
      catalog.loadAll();

      assertThat(catalog.provider("echo")).get().extracting(LoadedProvider::pluginId).isEqualTo("good");
      assertThat(catalog.provider("future")).isEmpty();
      assertThat(catalog.provider("ctor")).isEmpty();
      assertThat(catalog.provider("other")).isEmpty();
      List<PluginStatus> statuses = catalog.statuses();
      assertThat(statuses).hasSize(8);
      assertThat(failure(statuses, "b-no-manifest.jar")).contains("cannot load");
      assertThat(failure(statuses, "c-future-api.jar"))
          .contains("Plugin-Requires '>=2.0.0 & <3.0.0'").contains(PluginApi.VERSION);
      assertThat(failure(statuses, "d-plugin-class-throws.jar")).contains("boom in constructor");
      assertThat(failure(statuses, "e-extension-throws.jar")).contains("bad ctor");
      assertThat(failure(statuses, "g-same-type.jar")).contains("'echo' is already served by plugin 'good'");
      assertThat(failure(statuses, "h-same-id.jar")).contains("plugin id 'good' is already loaded from 'a-good.jar'");
    }
  }

  @Test
  void aPluginWhoseExtensionClassIsMissingIsReported() {
    TestPlugins.echo(plugins.resolve("missing.jar"), "missing", "missing", "1.0.0")
        .omitClass("acme.missing.EchoProvider")
        .build();

    try (PluginCatalog catalog = new PluginCatalog(plugins)) {
      catalog.loadAll();

      assertThat(catalog.provider("missing")).isEmpty();
      assertThat(catalog.statuses()).singleElement()
          .satisfies(status -> assertThat(status.failure()).contains("acme.missing.EchoProvider").contains("cannot load"));
    }
  }

  @Test
  void anUnloadedPluginsClassLoaderIsCollected() throws Exception {
    TestPlugins.echo(plugins.resolve("echo.jar"), "echo", "echo", "1.0.0").build();
    WeakReference<ClassLoader> loader = loadAndClose();

    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(loader.get()).as("plugin class loader after unload").isNull();
    // and the jar is not held open: it can be deleted and replaced
    Files.delete(plugins.resolve("echo.jar"));
  }

  private WeakReference<ClassLoader> loadAndClose() {
    try (PluginCatalog catalog = new PluginCatalog(plugins)) {
      catalog.loadAll();
      return new WeakReference<>(catalog.provider("echo").orElseThrow().classLoader());
    }
  }

  private static String failure(List<PluginStatus> statuses, String jarName) {
    return statuses.stream()
        .filter(s -> s.jar().getFileName().toString().equals(jarName))
        .findFirst()
        .orElseThrow()
        .failure();
  }
}
