package io.bkmonitorbeat.host.plugin;

import io.bkmonitorbeat.testkit.PluginJar;
import java.nio.file.Path;

/** Sources of the small plugins the plugin tests build at test time. */
final class TestPlugins {
  private TestPlugins() {}

  /** A provider of type {@code type} whose collector emits one event per run. */
  static String echoProvider(String pkg, String type, String constructorBody) {
    return """
        package %1$s;
        import io.bkmonitorbeat.api.*;
        import java.time.Instant;
        public class EchoProvider implements CollectorProvider {
          public EchoProvider() { %3$s }
          public String type() { return "%2$s"; }
          public Collector create(CollectorContext context) {
            return new PolledCollector() {
              public void collect(Instant deadline) {
                context.sink().emit(Event.builder("%2$s", context.task().dataId()).put("echo", 1).build());
              }
              public void close() {}
            };
          }
        }
        """.formatted(pkg, type, constructorBody);
  }

  /** A jar with one echo provider of {@code type}. */
  static PluginJar echoJar(Path jar, String pluginId, String type) {
    String pkg = "acme." + pluginId.replace('-', '_');
    return PluginJar.builder(jar, pluginId)
        .source(pkg + ".EchoProvider", echoProvider(pkg, type, ""))
        .extension(pkg + ".EchoProvider");
  }
}
