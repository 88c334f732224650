package io.bkmonitorbeat.plugin.kubeevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bkmonitorbeat.tls.TrustAll;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code /api/v1/events} of the Kubernetes API and hands every added or modified {@code
 * Event} object to a consumer, on one thread of its own.
 *
 * <p>Protocol (the list-then-watch pattern of client-go's reflector): without a resource version,
 * LIST the events (paginated) and remember the list's {@code resourceVersion}; then WATCH from it
 * with {@code allowWatchBookmarks}; each event and bookmark advances the version, and a renewed
 * watch resumes from it. A {@code 410 Gone} (the version is too old) starts again with a LIST.
 * Errors back off from 1 s to 30 s. The version is persisted by {@link #persist()} (called after
 * each flush), so a restart resumes the watch instead of listing everything again.
 *
 * <p>Thread-safety: {@link #start()}, {@link #persist()} and {@link #close()} from any thread.
 */
final class KubeApiWatcher implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(KubeApiWatcher.class);

  /** The server said the resource version is too old. */
  static final class GoneException extends IOException {
    GoneException(String message) {
      super(message);
    }
  }

  private final String label;
  private final KubeApiSettings settings;
  private final ObjectMapper mapper;
  private final Consumer<JsonNode> sink;
  private final ThreadFactory threads;
  private final Path versionFile;
  private final SSLSocketFactory tls;
  private final Object wake = new Object();
  final LongAdder lists = new LongAdder();
  final LongAdder watches = new LongAdder();
  final LongAdder objects = new LongAdder();
  final LongAdder errors = new LongAdder();
  private volatile String resourceVersion;
  private volatile String persistedVersion;
  private volatile HttpURLConnection current;
  private volatile boolean closed;
  private Thread thread;

  KubeApiWatcher(String label, KubeApiSettings settings, ObjectMapper mapper, Consumer<JsonNode> sink,
      ThreadFactory threads, Path versionFile) throws GeneralSecurityException, IOException {
    this.label = label;
    this.settings = settings;
    this.mapper = mapper;
    this.sink = sink;
    this.threads = threads;
    this.versionFile = versionFile;
    this.tls = settings.url().startsWith("https://") ? tls(settings) : null;
  }

  synchronized void start() throws IOException {
    if (Files.exists(versionFile)) {
      String stored = Files.readString(versionFile).trim();
      resourceVersion = stored.isEmpty() ? null : stored;
      persistedVersion = resourceVersion;
    }
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** Returns the last resource version seen, or null before the first list. */
  String resourceVersion() {
    return resourceVersion;
  }

  private void run() {
    long backoffMillis = 1000;
    boolean warned = false;
    while (!closed) {
      try {
        if (resourceVersion == null) {
          list();
        }
        watch();
        backoffMillis = 1000;
        warned = false;
      } catch (GoneException e) {
        log.info("{}: resource version {} is gone, listing the events again", label, resourceVersion);
        resourceVersion = null;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        errors.increment();
        if (!warned) {
          log.warn("{}: Kubernetes event watch failed, retrying with backoff: {}", label, e.toString());
          warned = true;
        } else {
          log.debug("{}: Kubernetes event watch failed again: {}", label, e.toString());
        }
        pause(backoffMillis);
        backoffMillis = Math.min(30_000, backoffMillis * 2);
      }
    }
  }

  private void list() throws IOException {
    lists.increment();
    String cont = "";
    String version;
    do {
      String query = "limit=500" + (cont.isEmpty() ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8));
      JsonNode page;
      try (InputStream in = open(query, settings.watchTimeout().toMillis())) {
        page = mapper.readTree(in);
      } finally {
        current = null;
      }
      for (JsonNode item : page.path("items")) {
        objects.increment();
        sink.accept(item);
      }
      version = page.path("metadata").path("resourceVersion").asText("");
      cont = page.path("metadata").path("continue").asText("");
    } while (!cont.isEmpty() && !closed);
    resourceVersion = version.isEmpty() ? "0" : version;
  }

  private void watch() throws IOException {
    watches.increment();
    long timeoutSeconds = Math.max(1, settings.watchTimeout().toSeconds());
    String query = "watch=1&allowWatchBookmarks=true&timeoutSeconds=" + timeoutSeconds
        + "&resourceVersion=" + URLEncoder.encode(resourceVersion, StandardCharsets.UTF_8);
    try (InputStream in = open(query, (timeoutSeconds + 30) * 1000);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while (!closed && (line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode frame = mapper.readTree(line);
        String type = frame.path("type").asText("");
        JsonNode object = frame.path("object");
        if (type.equals("ERROR")) {
          if (object.path("code").asInt() == 410) {
            throw new GoneException(object.path("message").asText("gone"));
          }
          throw new IOException("watch error: " + object.path("message").asText(object.toString()));
        }
        String version = object.path("metadata").path("resourceVersion").asText("");
        if (type.equals("ADDED") || type.equals("MODIFIED")) {
          objects.increment();
          sink.accept(object);
        }
        if (!version.isEmpty()) {
          resourceVersion = version; // events, bookmarks and deletions all advance the version
        }
      }
    } finally {
      current = null;
    }
  }

  private InputStream open(String query, long readTimeoutMillis) throws IOException {
    String ns = settings.namespace();
    String path = ns.isEmpty() ? "/api/v1/events" : "/api/v1/namespaces/" + URLEncoder.encode(ns, StandardCharsets.UTF_8) + "/events";
    HttpURLConnection conn = (HttpURLConnection) URI.create(settings.url() + path + "?" + query).toURL().openConnection();
    if (conn instanceof HttpsURLConnection https && tls != null) {
      https.setSSLSocketFactory(tls);
      if (settings.insecureSkipVerify()) {
        https.setHostnameVerifier((host, session) -> true);
      }
    }
    conn.setConnectTimeout(10_000);
    conn.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeoutMillis));
    conn.setRequestProperty("Accept", "application/json");
    String token = token();
    if (!token.isEmpty()) {
      conn.setRequestProperty("Authorization", "Bearer " + token);
    }
    current = conn;
    if (closed) {
      conn.disconnect();
      throw new IOException("closed");
    }
    int status = conn.getResponseCode();
    if (status == 410 || (status == 400 && query.contains("resourceVersion="))) {
      // 410: the version is too old; 400: the server rejects it (e.g. a damaged stored version)
      conn.disconnect();
      throw new GoneException("HTTP " + status);
    }
    if (status != 200) {
      conn.disconnect();
      throw new IOException("HTTP " + status + " from " + settings.url() + path
          + (status == 401 || status == 403 ? " (check the token and its RBAC: list and watch events)" : ""));
    }
    return conn.getInputStream();
  }

  private String token() throws IOException {
    if (!settings.token().isEmpty()) {
      return settings.token();
    }
    Path file = settings.tokenFile();
    if (file == null || !Files.exists(file)) {
      return "";
    }
    return Files.readString(file).trim();
  }

  /** Writes the last resource version to the state directory if it changed. */
  void persist() {
    String version = resourceVersion;
    if (version == null || version.equals(persistedVersion)) {
      return;
    }
    try {
      Path tmp = versionFile.resolveSibling(versionFile.getFileName() + ".tmp");
      Files.writeString(tmp, version + "\n");
      Files.move(tmp, versionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      persistedVersion = version;
    } catch (IOException e) {
      log.warn("{}: cannot write {}: {}", label, versionFile, e.toString());
    }
  }

  private void pause(long millis) {
    synchronized (wake) {
      if (!closed) {
        try {
          wake.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    HttpURLConnection conn = current;
    if (conn != null) {
      conn.disconnect(); // unblocks the reading thread
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static SSLSocketFactory tls(KubeApiSettings settings) throws GeneralSecurityException, IOException {
    if (settings.insecureSkipVerify()) {
      return TrustAll.context().getSocketFactory();
    }
    if (settings.caPem().isBlank()) {
      return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate cert : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(settings.caPem().getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}
