package io.bkmonitorbeat.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loopback HTTP(S) servers for tests (the JDK's {@code HttpServer} on 127.0.0.1, port 0), and
 * self-signed certificates made with the JDK's keytool, as key stores or PEM files.
 */
public final class TestServers {
  /** The password of every key store and key made here. */
  public static final char[] PASSWORD = "changeit".toCharArray();

  private TestServers() {}

  /** A started JDK server on 127.0.0.1, port 0; close it with {@link Running#close}. */
  public record Running(HttpServer server, ExecutorService executor) implements AutoCloseable {
    /** Returns the bound port. */
    public int port() {
      return server.getAddress().getPort();
    }

    /** Returns {@code http(s)://127.0.0.1:<port><path>}. */
    public String url(String path) {
      String scheme = server instanceof HttpsServer ? "https" : "http";
      return scheme + "://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws InterruptedException {
      server.stop(0);
      executor.shutdownNow();
      executor.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  /** Starts a plain HTTP server with {@code handler} on {@code /}. */
  public static Running http(HttpHandler handler) throws IOException {
    return start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16), handler);
  }

  /** Starts an HTTPS server with {@code context}'s key and {@code handler} on {@code /}. */
  public static Running https(SSLContext context, HttpHandler handler) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return start(server, handler);
  }

  private static Running start(HttpServer server, HttpHandler handler) {
    ExecutorService executor = Executors.newCachedThreadPool();
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    return new Running(server, executor);
  }

  /** Writes a response with {@code body}; {@code contentType} may be null. */
  public static void respond(HttpExchange exchange, int code, String contentType, byte[] body)
      throws IOException {
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  /**
   * Generates a PKCS12 key store with a self-signed certificate (valid {@code days} days) for
   * {@code subjectAltNames} such as {@code dns:probe.test,ip:127.0.0.1}, with the JDK's keytool.
   */
  public static KeyStore selfSigned(Path dir, String subjectAltNames, int days) throws Exception {
    Path store = dir.resolve("keystore-" + System.nanoTime() + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", Integer.toString(days),
        "-dname", "CN=bkmonitorbeat test", "-ext", "SAN=" + subjectAltNames,
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    return keyStore;
  }

  /** A server context presenting the key store's key. */
  public static SSLContext serverContext(KeyStore keyStore) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** A client context that trusts only the key store's {@code server} certificate. */
  public static SSLContext trusting(KeyStore keyStore) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", keyStore.getCertificate("server"));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Writes {@code alias}'s certificate as PEM. */
  public static Path certificatePem(KeyStore keyStore, String alias, Path file) throws Exception {
    Certificate cert = keyStore.getCertificate(alias);
    Files.writeString(file, pem("CERTIFICATE", cert.getEncoded()));
    return file;
  }

  /** Writes {@code alias}'s private key as unencrypted PKCS#8 PEM. */
  public static Path keyPem(KeyStore keyStore, String alias, Path file) throws Exception {
    java.security.Key key = keyStore.getKey(alias, PASSWORD);
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    return file;
  }

  /** Encodes {@code der} as a PEM block of {@code type}. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
