package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Sends the scrape requests of one task with the JDK HTTP client: headers {@code Accept:
 * application/openmetrics-text,*}{@code /*}, {@code X-BK-AGENT: bkmonitorbeat}, the configured
 * headers, and the authorization (Basic from {@code username}/{@code password} or from the URL's
 * user info — Basic wins over a bearer token as in bkmonitorbeat — else {@code bearer_token}, else
 * {@code bearer_file} read at every scrape). Every request carries a timeout (G-14) that covers
 * the whole exchange, body included: the wait for the body is bounded too and cancels the
 * exchange when it runs out. A body over {@code max_body_bytes} is abandoned (code 1200).
 * Thread-safe.
 */
final class Scraper {
  private final HttpClient client;
  private final MetricbeatSettings settings;
  private final LongSupplier nanoTime;

  Scraper(MetricbeatSettings settings, Executor executor, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(settings.timeout())
        .executor(executor)
        .sslContext(settings.tls().context());
    if (settings.tls().parameters() != null) {
      builder.sslParameters(settings.tls().parameters());
    }
    // No proxy unless configured: proxy environment variables are not consulted.
    builder.proxy(settings.proxy() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.of(settings.proxy()));
    // The client's selector thread (JDK 17 has no HttpClient.close()) ends only some seconds after
    // the client is unreachable, and inherits the context class loader of the thread that builds
    // the client. Built under the JDK's loader, it cannot keep an unloaded plugin's classes.
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      this.client = builder.build();
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** Starts a scrape of {@code target}; {@link #await} collects it. */
  Pending start(URI target, Duration timeout) {
    long started = nanoTime.getAsLong();
    HttpRequest request;
    try {
      request = request(target, timeout);
    } catch (IOException | RuntimeException e) {
      return new Pending(started, null, ScrapeOutcome.failed(ErrorCode.BAD_REQUEST_PARAMS,
          "cannot build the request: " + e.getMessage(), 0, 0));
    }
    return new Pending(started,
        client.sendAsync(request, LimitedBody.handler(settings.maxBodyBytes())), null);
  }

  /** A scrape in flight. */
  record Pending(long startedNanos, CompletableFuture<HttpResponse<byte[]>> future, ScrapeOutcome early) {}

  /** Waits for a scrape until {@code waitNanos} after it started; cancels it when time is up. */
  ScrapeOutcome await(Pending pending, long waitNanos) throws InterruptedException {
    if (pending.early() != null) {
      return pending.early();
    }
    long left = pending.startedNanos() + waitNanos - nanoTime.getAsLong();
    try {
      HttpResponse<byte[]> response = pending.future().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      double seconds = (nanoTime.getAsLong() - pending.startedNanos()) / 1e9;
      int status = response.statusCode();
      if (status < 200 || status > 299) {
        return ScrapeOutcome.failed(ErrorCode.RESPONSE_NOT_MATCH, "HTTP status " + status, status, seconds);
      }
      return new ScrapeOutcome(ErrorCode.OK, "", status, response.body(), seconds);
    } catch (TimeoutException e) {
      pending.future().cancel(true);
      return ScrapeOutcome.failed(ErrorCode.REQUEST_TIMEOUT, "no complete response within "
          + Duration.ofNanos(waitNanos).toMillis() + " ms", 0, waitNanos / 1e9);
    } catch (InterruptedException e) {
      pending.future().cancel(true);
      throw e;
    } catch (ExecutionException e) {
      double seconds = (nanoTime.getAsLong() - pending.startedNanos()) / 1e9;
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return ScrapeOutcome.failed(ErrorCode.REQUEST_TIMEOUT, describe(cause), 0, seconds);
      }
      if (cause instanceof LimitedBody.TooLarge) {
        return ScrapeOutcome.failed(ErrorCode.RESPONSE_FAILED, cause.getMessage(), 0, seconds);
      }
      return ScrapeOutcome.failed(ErrorCode.CONN_REFUSED, describe(cause), 0, seconds);
    }
  }

  /** GETs {@code uri} with no authorization (remote relabel rules). */
  byte[] fetch(URI uri, Duration timeout) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("X-BK-AGENT", "bkmonitorbeat").build();
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, LimitedBody.handler(settings.maxBodyBytes()));
    try {
      HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        throw new IOException("HTTP status " + response.statusCode());
      }
      return response.body();
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new IOException(describe(e.getCause() == null ? e : e.getCause()), e.getCause());
    }
  }

  private HttpRequest request(URI target, Duration timeout) throws IOException {
    String user = settings.username();
    String password = settings.password();
    URI uri = target;
    if (target.getRawUserInfo() != null) {
      // Credentials in the URL: used for Basic auth unless username is set; never sent in the URL.
      if (user.isEmpty()) {
        String info = target.getRawUserInfo();
        int colon = info.indexOf(':');
        user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
        password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
      }
      try {
        uri = new URI(target.getScheme(), null, target.getHost(), target.getPort(),
            target.getPath(), null, null);
        uri = URI.create(uri + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(timeout)
        .header("Accept", "application/openmetrics-text,*/*")
        .header("X-BK-AGENT", "bkmonitorbeat");
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    if (!user.isEmpty() || !password.isEmpty()) {
      String token = Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.setHeader("Authorization", "Basic " + token);
    } else if (!settings.bearerToken().isEmpty()) {
      builder.setHeader("Authorization", "Bearer " + settings.bearerToken());
    } else if (settings.bearerFile() != null) {
      String token = Files.readString(settings.bearerFile(), StandardCharsets.UTF_8).trim();
      builder.setHeader("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    if (t instanceof ConnectException && (message == null || message.isEmpty())) {
      message = "connection refused";
    }
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
