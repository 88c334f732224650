package io.bkmonitorbeat.testkit;

import java.nio.file.Path;

/**
 * The small plugins that host and distribution tests build at test time with {@link PluginJar}:
 * an echo collector that emits one event per run, and a leaky one that starts a thread behind
 * the host's back. Each returns the jar's builder, so a test can still change it before {@code
 * build()}.
 */
public final class TestPlugins {
  private TestPlugins() {}

  /**
   * Returns the source of {@code <pkg>.EchoProvider}, a provider of {@code type} whose collector
   * emits per run one event of that type: {@code status 0}, {@code task_id} and {@code v} (the
   * given version text). {@code constructorBody} runs in the provider's constructor (a test may
   * make it throw).
   */
  public static String echoProvider(String pkg, String type, String version, String constructorBody) {
    return """
        package %1$s;
        import io.bkmonitorbeat.api.*;
        import java.time.Instant;
        public class EchoProvider implements CollectorProvider {
          public EchoProvider() { %4$s }
          public String type() { return "%2$s"; }
          public Collector create(CollectorContext context) {
            return new PolledCollector() {
              public void collect(Instant deadline) {
                context.sink().emit(Event.builder("%2$s", context.task().dataId()).put("status", 0)
                    .put("task_id", context.task().taskId()).put("v", "%3$s").build());
              }
              public void close() {}
            };
          }
        }
        """.formatted(pkg, type, version, constructorBody);
  }

  /**
   * Returns a jar of plugin {@code pluginId} at {@code version} with one echo provider of {@code
   * type}, the class {@code acme.<pluginId>.EchoProvider}.
   */
  public static PluginJar echo(Path jar, String pluginId, String type, String version) {
    String pkg = "acme." + javaName(pluginId);
    return PluginJar.builder(jar, pluginId).version(version)
        .source(pkg + ".EchoProvider", echoProvider(pkg, type, version, ""))
        .extension(pkg + ".EchoProvider");
  }

  /**
   * Returns a jar of plugin {@code pluginId} with a streaming provider of the same type whose
   * {@code start()} starts a daemon thread named {@code threadName} that {@code close()} never
   * stops: the class-loader leak the host must detect. The thread ends once the system property
   * {@code stopProperty} is {@code true}, so a test can clean up after itself.
   */
  public static PluginJar leaky(Path jar, String pluginId, String threadName, String stopProperty) {
    String pkg = "acme." + javaName(pluginId);
    return PluginJar.builder(jar, pluginId)
        .source(pkg + ".LeakyProvider", """
            package %1$s;
            import io.bkmonitorbeat.api.*;
            public class LeakyProvider implements CollectorProvider {
              public String type() { return "%2$s"; }
              public Collector create(CollectorContext context) {
                return new StreamingCollector() {
                  public void start() {
                    Thread rogue = new Thread(() -> {
                      while (!Boolean.getBoolean("%4$s")) {
                        try { Thread.sleep(20); } catch (InterruptedException e) { return; }
                      }
                    }, "%3$s");
                    rogue.setDaemon(true);
                    rogue.start();
                  }
                  public void close() {}
                };
              }
            }""".formatted(pkg, pluginId, threadName, stopProperty))
        .extension(pkg + ".LeakyProvider");
  }

  private static String javaName(String text) {
    return text.replaceAll("[^A-Za-z0-9]", "_");
  }
}
