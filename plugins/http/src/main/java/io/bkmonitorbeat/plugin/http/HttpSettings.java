package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.Base64Text;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.NetSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed settings of one http task (spec 10.1). Immutable.
 *
 * <p>Task keys: the common ones (host-cleaned {@code timeout}, {@code available_duration}, ...),
 * the net keys ({@code buffer_size} — also the largest response head accepted — {@code
 * target_ip_type}, {@code dns_check_mode}, {@code custom_report}), {@code proxy} (an {@code
 * http://[user:password@]host:port} URL, scheme optional; empty means none, proxy environment
 * variables are ignored), {@code insecure_skip_verify} and {@code steps}. Accepted and ignored as
 * in bkmonitorbeat: {@code disable_keep_alives} (every request uses its own connection anyway).
 *
 * <p>Step keys: {@code url} / {@code url_list} (the list wins when it has a non-blank entry;
 * {@code http://} is prepended when a URL does not start with {@code http}), {@code method}
 * (any token, default {@code GET}), {@code headers} (values may be {@code base64://}; a {@code
 * Host} header replaces the URL's host in the {@code Host} line, not in SNI — G-6), {@code
 * request}/{@code request_format}, {@code response}/{@code response_format} (see {@link Matcher};
 * {@code request} and {@code response} may be {@code base64://}, binary data kept exact), {@code
 * response_code} (comma-separated, non-integers dropped) and {@code response_code_list}, merged;
 * {@code available_duration} (bkmonitorbeat ignores it; here it overrides the task's for the
 * step — G-6).
 *
 * <p>Choice: when no status code is configured (or none parses), any 2xx is accepted, where
 * bkmonitorbeat accepts only 200 (G-6 lists this as a gap). Configuring {@code "200"} — as the
 * node manager template does — keeps the old behaviour.
 *
 * @param net the net task parameters ({@code buffer_size}, {@code target_ip_type}, {@code
 *     dns_check_mode}, {@code custom_report})
 * @param proxy the proxy every request goes through ({@code proxy}), or null for none
 * @param insecureSkipVerify whether TLS certificates and host names go unchecked
 * @param steps the steps, in order; never empty
 */
record HttpSettings(NetSettings net, URI proxy, boolean insecureSkipVerify, List<Step> steps) {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  HttpSettings {
    steps = List.copyOf(steps);
  }

  /**
   * One step of a task.
   *
   * @param urls the URLs as configured ({@code url_list}, or {@code url}); never empty
   * @param method the request method
   * @param headers the configured headers, values already base64-decoded
   * @param matcher the request body and the body check
   * @param acceptedCodes the accepted status codes; empty means any 2xx
   * @param availableDuration a successful request slower than this ends with code 3
   */
  record Step(List<String> urls, String method, Map<String, String> headers, Matcher matcher,
      Set<Integer> acceptedCodes, Duration availableDuration) {
    Step {
      urls = List.copyOf(urls);
      headers = Map.copyOf(headers);
      acceptedCodes = Set.copyOf(acceptedCodes);
    }

    /** Returns whether the final response's status is accepted. */
    boolean accepts(int code) {
      return acceptedCodes.isEmpty() ? code >= 200 && code < 300 : acceptedCodes.contains(code);
    }
  }

  /**
   * Reads and validates a task's keys.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the key path and the value
   */
  static HttpSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    NetSettings net = NetSettings.parse(settings, task.section());
    URI proxy = parseProxy(settings);
    List<Settings> stepSettings = settings.sections("steps");
    if (stepSettings.isEmpty()) {
      throw settings.error("steps", "must list at least one step");
    }
    List<Step> steps = new ArrayList<>();
    for (Settings step : stepSettings) {
      steps.add(parseStep(step, task.availableDuration()));
    }
    return new HttpSettings(net, proxy, settings.bool("insecure_skip_verify", false), steps);
  }

  private static URI parseProxy(Settings settings) {
    String text = settings.string("proxy", "").trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(text.contains("://") ? text : "http://" + text);
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw settings.error("proxy", "must be an http://host:port URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw settings.error("proxy", "must be an http://host:port URL: " + e.getReason());
    }
  }

  private static Step parseStep(Settings step, Duration taskAvailable) {
    List<String> urls = step.strings("url_list").stream()
        .map(String::trim).filter(url -> !url.isEmpty()).toList();
    if (urls.isEmpty()) {
      String url = step.string("url", "").trim();
      if (url.isEmpty()) {
        throw step.error("url", "is required when url_list is empty");
      }
      urls = List.of(url);
    }
    String method = step.string("method", "").trim();
    if (method.isEmpty()) {
      method = "GET";
    }
    if (!TOKEN.matcher(method).matches()) {
      throw step.error("method", "must be an HTTP method token such as GET or POST");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    step.stringMap("headers").forEach((name, value) -> {
      if (!TOKEN.matcher(name).matches()) {
        throw step.error("headers", "header name '" + name + "' is not a token");
      }
      String decoded = Base64Text.decodeText(value);
      if (decoded.indexOf('\r') >= 0 || decoded.indexOf('\n') >= 0) {
        throw step.error("headers", "value of header '" + name + "' contains a line break");
      }
      headers.put(name, decoded);
    });
    Set<Integer> codes = new LinkedHashSet<>();
    for (String part : step.string("response_code", "").split(",")) {
      try {
        codes.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        // dropped, as bkmonitorbeat does
      }
    }
    List<String> codeList = step.strings("response_code_list");
    for (int i = 0; i < codeList.size(); i++) {
      try {
        codes.add(Integer.parseInt(codeList.get(i).trim()));
      } catch (NumberFormatException e) {
        throw step.error("response_code_list", "must list integers");
      }
    }
    Duration available = step.duration("available_duration", taskAvailable);
    return new Step(urls, method, headers, Matcher.parse(decodeBase64(step)), codes, available);
  }

  /**
   * Returns the step's settings with {@code base64://} request and response decoded, in a form
   * {@link Matcher} reads losslessly: binary data travels as hex.
   */
  private static Settings decodeBase64(Settings step) {
    Map<String, Object> values = new LinkedHashMap<>(step.asMap());
    Optional<byte[]> request = Base64Text.decode(step.string("request", ""));
    if (request.isPresent()) {
      String format = step.string("request_format", "").trim().toLowerCase(Locale.ROOT);
      if (format.equals("hex")) {
        values.put("request", new String(request.get(), java.nio.charset.StandardCharsets.UTF_8));
      } else {
        values.put("request", HexFormat.of().formatHex(request.get()));
        values.put("request_format", "hex");
      }
    }
    Optional<byte[]> response = Base64Text.decode(step.string("response", ""));
    if (response.isPresent()) {
      String format = step.string("response_format", "").trim().toLowerCase(Locale.ROOT);
      String function = format.startsWith("raw|") ? format.substring(4) : format;
      boolean textual = format.startsWith("hex")
          || function.equals("reg") || function.equals("wildcard");
      if (textual) {
        values.put("response", new String(response.get(), java.nio.charset.StandardCharsets.UTF_8));
      } else {
        values.put("response", HexFormat.of().formatHex(response.get()));
        values.put("response_format", "hex|" + (function.isEmpty() ? "startswith" : function));
      }
    }
    return Settings.of(step.source(), step.path(), values);
  }
}
