package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed settings of one metricbeat task (spec 10.7). Immutable.
 *
 * <p>Task keys: the common ones, {@code custom_report}, {@code module} (required) and, because
 * global {@code bkmonitorbeat:} keys do not reach plugins, {@code metrics_batch_size} (default
 * 1024) and {@code max_metric_batches} (default 5000) read from the task, else from the enclosing
 * section. Module keys: see {@code README.md}.
 *
 * @param targets the scrape URLs, one per host, query already merged (G-15)
 * @param username basic-auth user ("" for none)
 * @param password basic-auth password
 * @param bearerToken bearer token ("" for none)
 * @param bearerFile file re-read at every scrape for the token, or null
 * @param headers extra request headers
 * @param timeout the per-request timeout, always set (G-14): {@code module.timeout}, else the
 *     task's
 * @param tls TLS context and parameters
 * @param proxy HTTP proxy address, or null
 * @param namespace copied into the event
 * @param relabel local relabel rules (without delta/rate)
 * @param deltaRate delta/rate rules
 * @param remoteRelabel URL of remote relabel rules, or null
 * @param remoteRelabelTimeout timeout of the remote fetch
 * @param metricReplace metric old name to the name of an added copy
 * @param dimensionReplace label old name to the name of an added copy
 * @param disableCustomTimestamp omit per-sample timestamps
 * @param normalizeMetricName replace runs of characters other than letters, digits and {@code _}
 * @param batchSize metrics per event
 * @param maxBatches events per scrape at most
 * @param customReport emit the custom-report (time-series) event shape
 * @param enabled {@code module.enabled}: false scrapes nothing
 * @param maxBodyBytes {@code module.max_body_bytes}: the largest response body accepted
 */
record MetricbeatSettings(
    List<URI> targets,
    String username,
    String password,
    String bearerToken,
    Path bearerFile,
    Map<String, String> headers,
    Duration timeout,
    TlsOptions tls,
    InetSocketAddress proxy,
    String namespace,
    List<RelabelRule> relabel,
    DeltaRateRules deltaRate,
    URI remoteRelabel,
    Duration remoteRelabelTimeout,
    Map<String, String> metricReplace,
    Map<String, String> dimensionReplace,
    boolean disableCustomTimestamp,
    boolean normalizeMetricName,
    int batchSize,
    int maxBatches,
    boolean customReport,
    boolean enabled,
    long maxBodyBytes) {

  static final int DEFAULT_BATCH_SIZE = 1024;
  static final int DEFAULT_MAX_BATCHES = 5000;
  static final long DEFAULT_MAX_BODY_BYTES = 256L << 20;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  MetricbeatSettings {
    targets = List.copyOf(targets);
    headers = Map.copyOf(headers);
    relabel = List.copyOf(relabel);
    metricReplace = Map.copyOf(metricReplace);
    dimensionReplace = Map.copyOf(dimensionReplace);
  }

  static MetricbeatSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    if (!settings.has("module")) {
      throw settings.error("module", "is required (no task found)");
    }
    Settings module = settings.section("module");
    String moduleName = module.string("module", "").trim();
    if (!moduleName.equals("prometheus")) {
      throw module.error("module", "must be prometheus");
    }
    List<String> metricsets = module.strings("metricsets");
    if (!metricsets.isEmpty() && !metricsets.equals(List.of("collector"))) {
      throw module.error("metricsets", "must be [collector]");
    }
    List<String> hosts = module.has("hosts") ? module.strings("hosts") : List.of("");
    if (hosts.isEmpty()) {
      throw module.error("hosts", "must list at least one URL");
    }
    if (new LinkedHashSet<>(hosts).size() != hosts.size()) {
      throw module.error("hosts", "has duplicates");
    }
    String metricsPath = module.string("metrics_path", "/metrics");
    String basepath = module.string("basepath", "");
    Map<String, String> query = module.stringMap("query");
    List<URI> targets = new ArrayList<>();
    for (String host : hosts) {
      targets.add(ScrapeUrl.build(module, host, basepath, metricsPath, query));
    }
    Map<String, String> headers = module.stringMap("headers");
    for (String name : headers.keySet()) {
      if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw module.error("headers", "cannot set '" + name + "': the HTTP client sets it");
      }
    }
    Duration timeout = module.duration("timeout", Duration.ZERO);
    if (timeout.isZero() || timeout.isNegative()) {
      timeout = task.timeout();
    }
    if (timeout.isZero() || timeout.isNegative()) {
      timeout = Duration.ofSeconds(10);
    }
    String bearerFile = module.string("bearer_file", "").trim();
    String namespace = module.string("namespace", "").trim();
    if (namespace.isEmpty()) {
      throw module.error("namespace", "is required");
    }
    List<Settings> relabelConfigs = module.sections("metric_relabel_configs");
    List<RelabelRule> relabel = new ArrayList<>();
    for (Settings rule : relabelConfigs) {
      String action = rule.string("action", "").trim();
      if (!action.equalsIgnoreCase("delta") && !action.equalsIgnoreCase("rate")) {
        relabel.add(RelabelRule.fromSettings(rule));
      }
    }
    DeltaRateRules deltaRate = DeltaRateRules.parse(module.strings("diff_metrics"), relabelConfigs);
    String remote = module.string("metric_relabel_remote", "").trim();
    URI remoteUri = remote.isEmpty() ? null : httpUri(module, "metric_relabel_remote", remote);
    int batchSize = positiveOr(settings, task.section(), "metrics_batch_size", DEFAULT_BATCH_SIZE);
    int maxBatches = positiveOr(settings, task.section(), "max_metric_batches", DEFAULT_MAX_BATCHES);
    long maxBodyBytes = module.longValue("max_body_bytes", DEFAULT_MAX_BODY_BYTES);
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw module.error("max_body_bytes", "must be between 1 and " + (Integer.MAX_VALUE - 8));
    }
    return new MetricbeatSettings(
        targets,
        module.string("username", ""),
        module.string("password", ""),
        module.string("bearer_token", "").trim(),
        bearerFile.isEmpty() ? null : Path.of(bearerFile),
        headers,
        timeout,
        TlsOptions.parse(module.section("ssl")),
        proxy(module),
        namespace,
        relabel,
        deltaRate,
        remoteUri,
        module.duration("metric_relabel_remote_timeout", Duration.ofSeconds(10)),
        module.stringMap("metric_replace"),
        module.stringMap("dimension_replace"),
        module.bool("disable_custom_timestamp", false),
        module.bool("normalize_metric_name", false),
        batchSize,
        maxBatches,
        settings.bool("custom_report", false),
        module.bool("enabled", true),
        maxBodyBytes);
  }

  private static int positiveOr(Settings task, Settings section, String key, int fallback) {
    int value = task.integer(key, section.integer(key, 0));
    return value <= 0 ? fallback : value;
  }

  private static InetSocketAddress proxy(Settings module) {
    String text = module.string("proxy_url", "").trim();
    if (text.isEmpty()) {
      return null;
    }
    URI uri = httpUri(module, "proxy_url", text.contains("://") ? text : "http://" + text);
    if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
      throw module.error("proxy_url", "must be an http://host:port URL");
    }
    return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
  }

  static URI httpUri(Settings s, String key, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw s.error(key, "must be an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw s.error(key, "is not a valid URL: " + e.getReason());
    }
  }
}
