package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.ErrorCode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 client for probes: one request per connection ({@code Connection: close}).
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves the URL's host itself, so it cannot be
 * pinned to the address the probe chose (gap G-2: connect to the resolved IP while sending the
 * URL's {@code Host}, SNI and checking the certificate against the URL's host), and it exposes no
 * phase timings (connect, TLS handshake, first byte). Over a plain socket both are direct: the
 * socket connects to the chosen {@link InetAddress}; {@link SSLSocket} is layered on it with an
 * {@link SNIHostName} and endpoint identification {@code HTTPS} against the URL's host; each phase
 * is timed on the monotonic clock. What a probe needs of HTTP/1.1 is small: a request line and
 * headers, a response head bounded by {@code buffer_size}, {@code Content-Length}, chunked and
 * read-to-close bodies, gzip, and an {@code http} proxy (absolute-form requests, {@code CONNECT}
 * for https). Redirects and cookies are handled by the caller ({@link HttpProbe}).
 *
 * <p>The socket is a {@link SocketChannel}'s adaptor, so interrupting the probing thread closes it
 * at once; every read is bounded by the probe's deadline. Stateless; thread-safe.
 */
final class Http11Client {
  private static final String USER_AGENT = "bkmonitorbeat";

  private final SSLSocketFactory tls;
  private final boolean insecure;
  private final URI proxy;
  private final int maxHeaderBytes;
  private final LongSupplier nanoTime;

  /**
   * @param tls the TLS socket factory for https
   * @param insecure whether certificates and host names go unchecked
   * @param proxy the http proxy, or null
   * @param maxHeaderBytes the largest response head accepted ({@code buffer_size})
   * @param nanoTime the monotonic clock deadlines and timings are on
   */
  Http11Client(SSLSocketFactory tls, boolean insecure, URI proxy, int maxHeaderBytes,
      LongSupplier nanoTime) {
    this.tls = tls;
    this.insecure = insecure;
    this.proxy = proxy;
    this.maxHeaderBytes = maxHeaderBytes;
    this.nanoTime = nanoTime;
  }

  /** The phase timings of a probe, accumulated over its connections (nanoseconds). */
  static final class Timings {
    long connectNanos;
    long tlsNanos;
    long firstByteAt;
    X509Certificate peerCertificate;
  }

  /** One request; {@code headers} are sent after the defaults and may replace them. */
  record Request(String method, URI uri, InetAddress address, Map<String, String> headers,
      byte[] body) {}

  /** An open response: the head is read, the body not yet. Close it. */
  final class Response implements AutoCloseable {
    final int code;
    final String statusText;
    final Map<String, List<String>> headers;
    private final String method;
    private final Socket socket;
    private final InputStream in;

    private Response(int code, String statusText, Map<String, List<String>> headers,
        String method, Socket socket, InputStream in) {
      this.code = code;
      this.statusText = statusText;
      this.headers = headers;
      this.method = method;
      this.socket = socket;
      this.in = in;
    }

    /** Returns the first value of a header (name in any case), or null. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns every value of a header (name in any case). */
    List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Reads the body, gzip-decoded when {@code Content-Encoding} says gzip, up to {@code max}
     * bytes (as many reads as needed).
     */
    byte[] readBody(int max) throws ProbeFailure, InterruptedException {
      if (method.equalsIgnoreCase("HEAD") || code / 100 == 1 || code == 204 || code == 304) {
        return new byte[0];
      }
      try {
        InputStream body;
        String transfer = header("Transfer-Encoding");
        String length = header("Content-Length");
        if (transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
          body = new BodyStreams.Chunked(in);
        } else if (length != null && parseLength(length) >= 0) {
          body = new BodyStreams.Limited(in, parseLength(length));
        } else {
          body = in;
        }
        String encoding = header("Content-Encoding");
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
          try {
            body = new GZIPInputStream(body);
          } catch (SocketTimeoutException e) {
            throw e;
          } catch (IOException e) {
            checkInterrupt(e);
            throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "gzip: " + e.getMessage(), e);
          }
        }
        return body.readNBytes(max);
      } catch (SocketTimeoutException e) {
        throw new ProbeFailure(ErrorCode.REQUEST_TIMEOUT, "reading the body timed out", e);
      } catch (IOException e) {
        checkInterrupt(e);
        throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "reading the body: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  /**
   * Connects, sends {@code request} and reads the response head.
   *
   * @param deadlineNanos when everything must be over, on the {@code nanoTime} scale
   * @throws ProbeFailure with the event's error code and message
   * @throws InterruptedException if the thread was interrupted
   */
  Response send(Request request, long deadlineNanos, Timings timings)
      throws ProbeFailure, InterruptedException {
    URI uri = request.uri();
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    String host = bareHost(uri);
    int port = port(uri);
    Socket socket = null;
    boolean done = false;
    try {
      SocketChannel channel;
      try {
        channel = SocketChannel.open();
      } catch (IOException e) {
        throw new ProbeFailure(ErrorCode.CONN_FAILED, "socket: " + e.getMessage(), e);
      }
      socket = channel.socket();
      long connectStart = nanoTime.getAsLong();
      connect(socket, request.address(), port, deadlineNanos);
      if (proxy != null && https) {
        tunnel(socket, host, port, deadlineNanos);
      }
      timings.connectNanos += nanoTime.getAsLong() - connectStart;
      if (https) {
        long tlsStart = nanoTime.getAsLong();
        socket = handshake(socket, host, port, deadlineNanos, timings);
        timings.tlsNanos += nanoTime.getAsLong() - tlsStart;
      }
      write(socket, head(request, https, host, port), request.body(), deadlineNanos);
      InputStream in = new BufferedInputStream(
          new BodyStreams.Deadline(socket.getInputStream(), socket, nanoTime, deadlineNanos));
      Response response = readHead(in, socket, request.method(), timings);
      done = true;
      return response;
    } catch (IOException e) {
      checkInterrupt(e);
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, e.toString(), e);
    } finally {
      if (!done && socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // nothing to do
        }
      }
    }
  }

  private void connect(Socket socket, InetAddress address, int port, long deadlineNanos)
      throws ProbeFailure, InterruptedException {
    InetSocketAddress target = proxy != null
        ? new InetSocketAddress(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : 80)
        : new InetSocketAddress(address, port);
    if (target.isUnresolved()) {
      throw new ProbeFailure(ErrorCode.DNS_RESOLVE_FAILED, "proxy " + proxy.getHost() + " not resolved");
    }
    int millis = millisUntil(deadlineNanos);
    if (millis <= 0) {
      throw new ProbeFailure(ErrorCode.CONN_TIMEOUT, "no time left to connect");
    }
    try {
      socket.connect(target, millis);
    } catch (SocketTimeoutException e) {
      throw new ProbeFailure(ErrorCode.CONN_TIMEOUT, "connect " + target + ": timed out", e);
    } catch (IOException e) {
      checkInterrupt(e);
      throw new ProbeFailure(ErrorCode.CONN_FAILED, "connect " + target + ": " + e.getMessage(), e);
    }
  }

  private void tunnel(Socket socket, String host, int port, long deadlineNanos)
      throws ProbeFailure, InterruptedException, IOException {
    String authority = authority(host, port);
    StringBuilder head = new StringBuilder()
        .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
        .append("Host: ").append(authority).append("\r\n");
    proxyAuthorization(head);
    head.append("\r\n");
    write(socket, head.toString(), new byte[0], deadlineNanos);
    // Unbuffered: the TLS handshake reads what follows from the same socket.
    InputStream in = new BodyStreams.Deadline(socket.getInputStream(), socket, nanoTime, deadlineNanos);
    Response response = readHead(in, socket, "CONNECT", new Timings());
    if (response.code / 100 != 2) {
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "proxy CONNECT: " + response.statusText);
    }
  }

  private void proxyAuthorization(StringBuilder head) {
    String userInfo = proxy.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      String plain = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
      head.append("Proxy-Authorization: Basic ")
          .append(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)))
          .append("\r\n");
    }
  }

  private Socket handshake(Socket socket, String host, int port, long deadlineNanos,
      Timings timings) throws ProbeFailure, InterruptedException {
    try {
      SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
      SSLParameters parameters = ssl.getSSLParameters();
      if (!isIpLiteral(host)) {
        try {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
          // not a valid SNI name: sent without
        }
      }
      if (!insecure) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
      }
      ssl.setSSLParameters(parameters);
      int millis = millisUntil(deadlineNanos);
      if (millis <= 0) {
        throw new SocketTimeoutException("no time left for the TLS handshake");
      }
      ssl.setSoTimeout(millis);
      ssl.startHandshake();
      Certificate[] peer = ssl.getSession().getPeerCertificates();
      if (peer.length > 0 && peer[0] instanceof X509Certificate certificate) {
        timings.peerCertificate = certificate;
      }
      return ssl;
    } catch (SocketTimeoutException e) {
      throw new ProbeFailure(ErrorCode.REQUEST_TIMEOUT, "TLS handshake timed out", e);
    } catch (IOException e) {
      checkInterrupt(e);
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "TLS handshake: " + e.getMessage(), e);
    }
  }

  private String head(Request request, boolean https, String host, int port) {
    URI uri = request.uri();
    String target;
    if (proxy != null && !https) {
      target = absoluteForm(uri);
    } else {
      target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", hostHeader(uri, host, port, https));
    headers.put("User-Agent", USER_AGENT);
    headers.put("Accept-Charset", "utf-8");
    headers.put("Accept-Encoding", "gzip");
    request.headers().forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("connection") || lower.equals("content-length")
          || lower.equals("transfer-encoding")) {
        return; // framing is ours
      }
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name)
          && !existing.equalsIgnoreCase("Accept-Charset"));
      headers.merge(name, value, (a, b) -> a + ", " + b);
    });
    StringBuilder head = new StringBuilder()
        .append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (request.body().length > 0 || !(request.method().equals("GET")
        || request.method().equals("HEAD") || request.method().equals("DELETE")
        || request.method().equals("OPTIONS") || request.method().equals("TRACE"))) {
      head.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    if (proxy != null && !https) {
      proxyAuthorization(head);
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  private void write(Socket socket, String head, byte[] body, long deadlineNanos)
      throws ProbeFailure, InterruptedException {
    if (millisUntil(deadlineNanos) <= 0) {
      throw new ProbeFailure(ErrorCode.REQUEST_TIMEOUT, "no time left to send the request");
    }
    try {
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
      bytes.write(head.getBytes(StandardCharsets.UTF_8));
      bytes.write(body);
      out.write(bytes.toByteArray());
      out.flush();
    } catch (SocketTimeoutException e) {
      throw new ProbeFailure(ErrorCode.REQUEST_TIMEOUT, "sending the request timed out", e);
    } catch (IOException e) {
      checkInterrupt(e);
      throw new ProbeFailure(ErrorCode.REQUEST_FAILED, "sending the request: " + e.getMessage(), e);
    }
  }

  private Response readHead(InputStream in, Socket socket, String method, Timings timings)
      throws ProbeFailure, InterruptedException {
    try {
      while (true) {
        int first = in.read();
        if (first < 0) {
          throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "connection closed before a response");
        }
        if (timings.firstByteAt == 0) {
          timings.firstByteAt = nanoTime.getAsLong();
        }
        int[] budget = {maxHeaderBytes - 1};
        String statusLine = (char) first + line(in, budget);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
          throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "malformed status line '" + statusLine + "'");
        }
        int code;
        try {
          code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "malformed status line '" + statusLine + "'");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in, budget); !header.isEmpty(); header = line(in, budget)) {
          int colon = header.indexOf(':');
          if (colon <= 0) {
            throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "malformed header line '" + header + "'");
          }
          headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              name -> new ArrayList<>()).add(header.substring(colon + 1).trim());
        }
        if (code / 100 == 1 && code != 101) {
          continue; // interim response (100 Continue, 103 Early Hints)
        }
        String text = parts[1] + (parts.length > 2 ? " " + parts[2] : "");
        return new Response(code, text, headers, method, socket, in);
      }
    } catch (SocketTimeoutException e) {
      throw new ProbeFailure(ErrorCode.REQUEST_TIMEOUT, "awaiting the response timed out", e);
    } catch (IOException e) {
      checkInterrupt(e);
      throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "reading the response: " + e.getMessage(), e);
    }
  }

  /** Reads a head line, charging its bytes to {@code budget[0]}. */
  private static String line(InputStream in, int[] budget) throws IOException, ProbeFailure {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("connection closed inside the response head");
      }
      if (--budget[0] < 0) {
        throw new ProbeFailure(ErrorCode.RESPONSE_FAILED, "response head larger than buffer_size");
      }
      if (b == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private int millisUntil(long deadlineNanos) {
    long nanos = deadlineNanos - nanoTime.getAsLong();
    if (nanos <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  /** Returns the URL's host without IPv6 brackets. */
  static String bareHost(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Returns the URL's port, or the scheme's default. */
  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String hostHeader(URI uri, String host, int port, boolean https) {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return uri.getPort() > 0 && port != (https ? 443 : 80) ? name + ":" + port : name;
  }

  private static String authority(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static String absoluteForm(URI uri) {
    try {
      return new URI(uri.getScheme(), uri.getRawAuthority(), null, null, null).toASCIIString()
          + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (java.net.URISyntaxException e) {
      return uri.toASCIIString();
    }
  }

  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns seconds from {@code now} until the certificate expires (negative when expired). */
  static long secondsToExpiry(X509Certificate certificate, Instant now) {
    return certificate.getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond();
  }

  private static void checkInterrupt(IOException e) throws InterruptedException {
    if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
      InterruptedException interrupted = new InterruptedException("http probe interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
  }
}
