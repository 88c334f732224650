package io.bkmonitorbeat.plugin.kubeevent;

import static io.bkmonitorbeat.plugin.kubeevent.KubeEventCollectorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API watch over TLS against a loopback HTTPS server whose certificate keytool generates
 * (testkit {@link TestServers}): trusted through {@code ca_file}, refused with another CA, accepted
 * with {@code insecure_skip_verify}.
 */
class KubeApiTlsTest {
  @TempDir Path dir;

  /** A self-signed key store for 127.0.0.1, its certificate written as {@code <name>.pem}. */
  private KeyStore keystore(String name) throws Exception {
    KeyStore store = TestServers.selfSigned(dir, "ip:127.0.0.1,dns:localhost", 2);
    TestServers.certificatePem(store, "server", dir.resolve(name + ".pem"));
    return store;
  }

  private TestServers.Running server(KeyStore store, List<String> queries) throws Exception {
    return TestServers.https(TestServers.serverContext(store), exchange -> {
      queries.add(exchange.getRequestURI().getRawQuery());
      TestServers.respond(exchange, 200, "application/json",
          "{\"kind\":\"EventList\",\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[]}"
              .getBytes(StandardCharsets.UTF_8));
    });
  }

  private KubeEventCollector start(Map<String, Object> kube) throws Exception {
    KubeTestContext ctx = new KubeTestContext(Map.of("kube_api", kube), dir.resolve("state-" + kube.hashCode()));
    KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
    c.start();
    return c;
  }

  @Test
  void theConfiguredCaIsTrustedAndAnotherIsNot() throws Exception {
    KeyStore ks = keystore("server");
    keystore("other");
    List<String> queries = new CopyOnWriteArrayList<>();
    try (TestServers.Running server = server(ks, queries)) {
      String url = server.url("");
      KubeEventCollector trusted = start(Map.of("url", url, "ca_file", dir.resolve("server.pem").toString()));
      await(() -> trusted.counters().get("api_watches") >= 1, "a watch after a list over TLS");
      trusted.close();
      assertThat(trusted.counters()).containsEntry("api_errors", 0L);

      int before = queries.size();
      KubeEventCollector wrong = start(Map.of("url", url, "ca_file", dir.resolve("other.pem").toString()));
      await(() -> wrong.counters().get("api_errors") >= 1, "a refused handshake");
      wrong.close();
      assertThat(queries).hasSize(before); // no request got through

      KubeEventCollector insecure = start(Map.of("url", url, "insecure_skip_verify", true));
      await(() -> insecure.counters().get("api_watches") >= 1, "a watch without verification");
      insecure.close();
    }
  }
}
