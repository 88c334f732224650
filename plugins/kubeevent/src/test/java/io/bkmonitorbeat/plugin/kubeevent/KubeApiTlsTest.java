package io.bkmonitorbeat.plugin.kubeevent;

import static io.bkmonitorbeat.plugin.kubeevent.KubeEventCollectorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API watch over TLS against a loopback HTTPS server whose certificate keytool generates:
 * trusted through {@code ca_file}, refused with another CA, accepted with {@code
 * insecure_skip_verify}.
 */
class KubeApiTlsTest {
  @TempDir Path dir;

  private Path keystore(String name) throws Exception {
    Path ks = dir.resolve(name + ".p12");
    run(keytool(), "-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    run(keytool(), "-exportcert", "-rfc", "-alias", "api", "-keystore", ks.toString(), "-storepass", "changeit",
        "-file", dir.resolve(name + ".pem").toString());
    return ks;
  }

  private static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private HttpsServer server(Path ks, List<String> queries) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/api/v1/events", exchange -> {
      queries.add(exchange.getRequestURI().getRawQuery());
      byte[] body = "{\"kind\":\"EventList\",\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  private KubeEventCollector start(Map<String, Object> kube) throws Exception {
    KubeTestContext ctx = new KubeTestContext(Map.of("kube_api", kube), dir.resolve("state-" + kube.hashCode()));
    KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
    c.start();
    return c;
  }

  @Test
  void theConfiguredCaIsTrustedAndAnotherIsNot() throws Exception {
    Path ks = keystore("server");
    keystore("other");
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpsServer server = server(ks, queries);
    try {
      String url = "https://127.0.0.1:" + server.getAddress().getPort();
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
    } finally {
      server.stop(0);
    }
  }
}
