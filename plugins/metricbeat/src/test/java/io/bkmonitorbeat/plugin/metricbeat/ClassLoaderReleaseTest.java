package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.TestServers;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * After {@code close()}, nothing the JDK HTTP client keeps alive for seconds (its selector
 * thread, its executor) may reference the context class loader the host gives the collector's
 * threads — the plugin's loader, which the host's leak check expects to be collected within about
 * ten GCs of an unload. A marker loader stands in for it here.
 */
class ClassLoaderReleaseTest {

  @Test
  void theHostsContextLoaderIsCollectableSoonAfterClose() throws Exception {
    try (TestServers.Running server = TestServers.http(exchange ->
        TestServers.respond(exchange, 200, null, "a 1\n".getBytes(StandardCharsets.UTF_8)))) {
      WeakReference<ClassLoader> marker = scrapeOnceAndClose(server.url("/metrics"));
      for (int i = 0; i < 10 && marker.get() != null; i++) { // as the host's leak check does
        System.gc();
        Thread.sleep(50);
      }
      assertThat(marker.get()).as("the marker loader was collected").isNull();
    }
  }

  /** Runs one scrape with every context thread (and the caller) on a marker loader, then closes. */
  private static WeakReference<ClassLoader> scrapeOnceAndClose(String url) throws Exception {
    ClassLoader marker = new URLClassLoader(new URL[0], ClassLoaderReleaseTest.class.getClassLoader());
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(marker); // the host calls collect() with the plugin's loader
    try {
      TestContext ctx = new TestContext(TestContext.task(Map.of("hosts", List.of(url)))) {
        @Override
        public ThreadFactory threadFactory(String purpose) {
          return runnable -> { // like the host's TrackedThreadFactory: it holds the loader
            Thread t = new Thread(runnable, "marker-" + purpose);
            t.setDaemon(true);
            t.setContextClassLoader(marker);
            return t;
          };
        }
      };
      MetricbeatCollector collector = new MetricbeatCollector(ctx, MetricbeatSettings.parse(ctx.task()));
      collector.collect(Instant.now().plusSeconds(15));
      assertThat(ctx.events).isNotEmpty();
      collector.close();
      return new WeakReference<>(marker);
    } finally {
      current.setContextClassLoader(previous);
      closeQuietly(marker);
    }
  }

  private static void closeQuietly(ClassLoader loader) {
    try {
      ((URLClassLoader) loader).close();
    } catch (IOException e) {
      // nothing to release
    }
  }
}
