package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.probe.IpFamily;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One request of a step to one address (spec 10.1 "Request execution", with G-2 and G-6 fixed):
 * follows redirects (at most 10, cookies kept), evaluates the final response (accepted status
 * code, then the body check on the charset-decoded body), and fills the event's fields. Stateless
 * apart from its settings; thread-safe.
 */
final class HttpProbe {
  static final int MAX_REDIRECTS = 10;

  private final Http11Client client;
  private final int bufferSize;
  private final IpFamily family;
  private final NameResolver nameResolver;
  private final LongSupplier nanoTime;
  private final Clock clock;

  HttpProbe(Http11Client client, int bufferSize, IpFamily family, NameResolver nameResolver,
      LongSupplier nanoTime, Clock clock) {
    this.client = client;
    this.bufferSize = bufferSize;
    this.family = family;
    this.nameResolver = nameResolver;
    this.nanoTime = nanoTime;
    this.clock = clock;
  }

  /**
   * Runs the request and ends {@code result}.
   *
   * @param dnsNanos the time the step's resolution of this URL took
   * @param deadlineNanos when the request must be over ({@code nanoTime} scale)
   * @throws InterruptedException if the thread was interrupted (the result is left open)
   */
  void probe(UptimeCheckEvent result, HttpSettings.Step step, URI uri, InetAddress address,
      long dnsNanos, long deadlineNanos) throws InterruptedException {
    long start = nanoTime.getAsLong();
    Http11Client.Timings timings = new Http11Client.Timings();
    long[] dns = {dnsNanos};
    result.put("response_code", 0).put("message", "").put("charset", "")
        .put("content_length", 0).put("media_type", "");
    try {
      evaluate(result, step, uri, address, deadlineNanos, timings, dns);
    } catch (ProbeFailure failure) {
      result.put("message", failure.getMessage() == null ? "" : failure.getMessage());
      result.fail(failure.code());
    } finally {
      long end = nanoTime.getAsLong();
      result.put("dns_ms", millis(dns[0]))
          .put("connect_ms", millis(timings.connectNanos))
          .put("tls_ms", millis(timings.tlsNanos))
          .put("first_byte_ms", timings.firstByteAt == 0 ? 0.0 : millis(timings.firstByteAt - start))
          .put("total_ms", millis(end - start));
      if (timings.peerCertificate != null) {
        long seconds = Http11Client.secondsToExpiry(timings.peerCertificate, clock.instant());
        result.put("cert_expire_seconds", seconds).put("cert_expire_days", Math.floorDiv(seconds, 86_400L));
      }
    }
  }

  private void evaluate(UptimeCheckEvent result, HttpSettings.Step step, URI uri,
      InetAddress address, long deadlineNanos, Http11Client.Timings timings, long[] dns)
      throws ProbeFailure, InterruptedException {
    String method = step.method();
    byte[] body = step.matcher().request();
    URI current = uri;
    InetAddress currentAddress = address;
    Map<String, String> cookies = new LinkedHashMap<>();
    for (int hop = 0; ; hop++) {
      Map<String, String> headers = new LinkedHashMap<>(step.headers());
      if (!cookies.isEmpty()) {
        headers.put("Cookie", String.join("; ",
            cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      Http11Client.Request request =
          new Http11Client.Request(method, current, currentAddress, headers, body);
      try (Http11Client.Response response = client.send(request, deadlineNanos, timings)) {
        keepCookies(response.headers("Set-Cookie"), cookies);
        String location = response.header("Location");
        if (isRedirect(response.code) && location != null && !location.isBlank()) {
          if (hop >= MAX_REDIRECTS) {
            throw new ProbeFailure(ErrorCode.RESPONSE_FAILED,
                "stopped after " + MAX_REDIRECTS + " redirects");
          }
          URI next = redirectTarget(current, location.trim());
          if (response.code != 307 && response.code != 308 && !method.equals("HEAD")) {
            method = "GET";
            body = new byte[0];
          }
          if (!Http11Client.bareHost(next).equalsIgnoreCase(Http11Client.bareHost(current))) {
            long lookupStart = nanoTime.getAsLong();
            currentAddress = lookup(Http11Client.bareHost(next));
            dns[0] += nanoTime.getAsLong() - lookupStart;
          }
          current = next;
          continue;
        }
        finish(result, step, response);
        return;
      }
    }
  }

  private void finish(UptimeCheckEvent result, HttpSettings.Step step,
      Http11Client.Response response) throws ProbeFailure, InterruptedException {
    result.put("response_code", response.code).put("message", response.statusText);
    String length = response.header("Content-Length");
    long contentLength = 0;
    if (length != null) {
      try {
        contentLength = Math.max(0, Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        contentLength = 0;
      }
    }
    result.put("content_length", contentLength);
    String contentType = response.header("Content-Type");
    String charset = "";
    if (contentType != null) {
      String[] parts = contentType.split(";");
      result.put("media_type", parts[0].trim().toLowerCase(Locale.ROOT));
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim();
        int eq = parameter.indexOf('=');
        if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
          charset = parameter.substring(eq + 1).trim().replace("\"", "");
        }
      }
      result.put("charset", charset);
    }
    if (!step.accepts(response.code)) {
      result.fail(ErrorCode.RESPONSE_NOT_MATCH);
      return;
    }
    if (!step.matcher().checksResponse()) {
      result.successOrTimeout(step.availableDuration());
      return;
    }
    byte[] content = toUtf8(response.readBody(bufferSize), charset);
    if (!step.matcher().matches(content)) {
      result.fail(ErrorCode.RESPONSE_NOT_MATCH);
      return;
    }
    result.successOrTimeout(step.availableDuration());
  }

  /** Transcodes the body to UTF-8 when the response names another charset it (G-6). */
  static byte[] toUtf8(byte[] content, String charset) {
    if (charset.isEmpty()) {
      return content;
    }
    try {
      Charset cs = Charset.forName(charset); // names are case-insensitive
      if (cs.equals(StandardCharsets.UTF_8)) {
        return content;
      }
      return new String(content, cs).getBytes(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return content; // unknown charset: the bytes as received
    }
  }

  private InetAddress lookup(String host) throws ProbeFailure {
    try {
      List<InetAddress> found = Http11Client.isIpLiteral(host)
          ? List.of(InetAddress.getByName(host.indexOf(':') >= 0 ? "[" + host + "]" : host))
          : nameResolver.lookup(host);
      if (found.isEmpty()) {
        throw new ProbeFailure(ErrorCode.DNS_RESOLVE_FAILED, "redirect host " + host + " has no address");
      }
      return found.stream().filter(family::accepts).findFirst().orElseThrow(() ->
          new ProbeFailure(ErrorCode.IP_NOT_FOUND, "redirect host " + host + " has no " + family + " address"));
    } catch (UnknownHostException e) {
      throw new ProbeFailure(ErrorCode.DNS_RESOLVE_FAILED, "redirect host " + host + " not resolved", e);
    }
  }

  private static URI redirectTarget(URI current, String location) throws ProbeFailure {
    URI next;
    try {
      next = current.resolve(new URI(location));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "bad redirect location '" + location + "'", e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "bad redirect location '" + location + "'");
    }
    return next;
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static void keepCookies(List<String> setCookies, Map<String, String> cookies) {
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
