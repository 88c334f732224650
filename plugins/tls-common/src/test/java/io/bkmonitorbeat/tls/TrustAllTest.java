package io.bkmonitorbeat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.testkit.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a loopback HTTPS server whose self-signed certificate names another host: the JDK's
 * client refuses it even when it trusts the certificate (the host name does not match), and
 * accepts it through {@link TrustAll}.
 */
class TrustAllTest {
  @TempDir Path dir;

  @Test
  void acceptsAnUntrustedCertificateForAnotherHostName() throws Exception {
    KeyStore store = TestServers.selfSigned(dir, "dns:elsewhere.invalid", 2);
    try (TestServers.Running server = TestServers.https(TestServers.serverContext(store),
        exchange -> TestServers.respond(exchange, 200, "text/plain",
            "ok".getBytes(StandardCharsets.UTF_8)))) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/"))).build();

      assertThatThrownBy(() -> get(TestServers.trusting(store), request))
          .as("the certificate is trusted but names another host")
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(get(TrustAll.context(), request).body()).isEqualTo("ok");
    }
  }

  private static HttpResponse<String> get(SSLContext tls, HttpRequest request) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
