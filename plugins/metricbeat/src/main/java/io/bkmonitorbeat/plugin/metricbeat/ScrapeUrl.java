package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds a scrape URL from a {@code hosts} entry as bkmonitorbeat does: {@code http://} is assumed
 * when the entry has no scheme; {@code basepath} + {@code metrics_path} are used only when the
 * entry has no path of its own. {@code query} parameters are appended to the entry's own query
 * string instead of replacing it (G-15): {@code http://h/snmp?target=x} with {@code query:
 * {module: if_mib}} scrapes {@code http://h/snmp?target=x&module=if_mib}. A parameter the entry
 * already has is kept and the configured one added after it (repeated parameters such as
 * node_exporter's {@code collect[]} are meaningful). Characters that exporters' URLs use but
 * {@link URI} rejects ({@code [ ]} in {@code collect[]}, spaces, {@code |}, ...) are
 * percent-encoded in the path and query.
 */
final class ScrapeUrl {
  private ScrapeUrl() {}

  static URI build(Settings module, String host, String basepath, String metricsPath,
      Map<String, String> query) {
    String text = host.trim();
    if (text.isEmpty()) {
      throw module.error("hosts", "has an empty entry");
    }
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    text = encodeIllegal(text);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw module.error("hosts", "has an invalid URL '" + host + "': " + e.getReason());
    }
    URI checked = MetricbeatSettings.httpUri(module, "hosts", uri.toString());
    String path = checked.getRawPath();
    if (path == null || path.isEmpty()) {
      path = join(basepath, metricsPath);
    }
    String rawQuery = checked.getRawQuery();
    if (!query.isEmpty()) {
      StringBuilder q = new StringBuilder();
      if (rawQuery != null && !rawQuery.isEmpty()) {
        q.append(rawQuery);
      }
      for (Map.Entry<String, String> e : query.entrySet()) {
        append(q, encode(e.getKey()) + "=" + encode(e.getValue()));
      }
      rawQuery = q.toString();
    }
    String authority = checked.getRawAuthority();
    String result = checked.getScheme().toLowerCase() + "://" + authority + path
        + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    try {
      return new URI(result);
    } catch (URISyntaxException e) {
      throw module.error("hosts", "gives an invalid URL '" + result + "': " + e.getReason());
    }
  }

  private static String join(String basepath, String metricsPath) {
    String base = basepath.trim();
    String path = metricsPath.trim();
    if (base.isEmpty()) {
      return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
    }
    String joined = (base.startsWith("/") ? base : "/" + base);
    if (joined.endsWith("/") && path.startsWith("/")) {
      return joined + path.substring(1);
    }
    if (!joined.endsWith("/") && !path.isEmpty() && !path.startsWith("/")) {
      return joined + "/" + path;
    }
    return joined + path;
  }

  private static void append(StringBuilder q, String pair) {
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(pair);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Percent-encodes what {@link URI} rejects after the authority (the authority is left alone). */
  private static String encodeIllegal(String url) {
    int authorityStart = url.indexOf("://") + 3;
    int rest = authorityStart;
    while (rest < url.length() && "/?#".indexOf(url.charAt(rest)) < 0) {
      rest++;
    }
    StringBuilder sb = new StringBuilder(url.substring(0, rest));
    for (int i = rest; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '%' && i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2))) {
        sb.append(c);
      } else if (c <= ' ' || c >= 0x7f || "[]|\"{}^`\\<>%".indexOf(c) >= 0) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
