package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.CustomReport;
import io.bkmonitorbeat.probe.IpText;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.ProbePool;
import io.bkmonitorbeat.probe.ResolvedTarget;
import io.bkmonitorbeat.probe.TargetResolver;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one http task (spec 10.1): runs the steps in order; each step resolves its
 * URLs once, then requests every (URL, address) pair, in parallel when there are several, each
 * holding one permit of the context's limiter (G-11), and waits for all of them before the next
 * step. Steps are independent: a failing step does not stop later ones.
 *
 * <p>Events: one per request, and one failure per URL that is invalid (1213) or does not resolve
 * (1004, 1211). A failure's {@code status} is the 1-based number of its step, for every kind of
 * failure (G-3).
 *
 * <p>Thread: {@link #collect} is called by a host worker, never concurrently with itself; requests
 * and lookups run on a {@link ProbePool} of context threads, shut down by {@link #close}.
 */
final class HttpCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(HttpCollector.class);
  private static final int MAX_THREADS = 16;

  private final CollectorContext context;
  private final TaskSpec task;
  private final HttpSettings settings;
  private final HttpProbe probe;
  private final TargetResolver resolver;
  private final ProbePool pool;

  HttpCollector(CollectorContext context, HttpSettings settings, NameResolver nameResolver, Tls tls) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    Http11Client client = new Http11Client(tls.factory(settings.insecureSkipVerify()),
        settings.insecureSkipVerify(), settings.proxy(), settings.net().bufferSize(),
        context::nanoTime);
    this.probe = new HttpProbe(client, settings.net().bufferSize(), settings.net().ipFamily(),
        nameResolver, context::nanoTime, context.clock());
    this.pool = new ProbePool(context, MAX_THREADS);
    this.resolver = new TargetResolver(nameResolver, pool.executor(), context.clock());
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    List<HttpSettings.Step> steps = settings.steps();
    for (int i = 0; i < steps.size(); i++) {
      runStep(steps.get(i), i + 1, deadline);
    }
  }

  private void runStep(HttpSettings.Step step, int number, Instant deadline) throws Exception {
    List<String> urls = new ArrayList<>();
    List<URI> uris = new ArrayList<>();
    for (String url : step.urls()) {
      URI uri = parseUrl(url);
      if (uri == null) {
        log.debug("{}: step {}: invalid URL {}", task.label(), number, url);
        UptimeCheckEvent failure = begin(step, url, "");
        failure.put("message", "invalid URL '" + url + "'");
        emit(failure.fail(ErrorCode.INVALID_URL), number);
      } else {
        urls.add(url);
        uris.add(uri);
      }
    }
    if (uris.isEmpty()) {
      return;
    }
    long dnsStart = context.nanoTime();
    List<ResolvedTarget> targets = resolver.resolve(uris.stream().map(URI::getHost).toList(),
        settings.net().ipFamily(), settings.net().dnsCheckMode(), deadline);
    long dnsNanos = context.nanoTime() - dnsStart;
    List<Target> requests = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      ResolvedTarget target = targets.get(i);
      if (target instanceof ResolvedTarget.Failure failure) {
        log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
        UptimeCheckEvent event = begin(step, urls.get(i), "");
        event.put("message", failure.reason());
        emit(event.fail(failure.code()), number);
      } else {
        for (InetAddress address : ((ResolvedTarget.Addresses) target).addresses()) {
          requests.add(new Target(step, number, urls.get(i), uris.get(i), address));
        }
      }
    }
    pool.probeAll(requests, deadline, target -> request(target, dnsNanos, deadline));
  }

  private void request(Target target, long dnsNanos, Instant deadline) throws InterruptedException {
    UptimeCheckEvent result = begin(target.step(), target.url(), IpText.format(target.address()));
    long now = context.nanoTime();
    long untilRunDeadline = Duration.between(context.clock().instant(), deadline).toNanos();
    long deadlineNanos = now + Math.min(task.timeout().toNanos(), untilRunDeadline);
    probe.probe(result, target.step(), target.uri(), target.address(), dnsNanos, deadlineNanos);
    emit(result, target.number());
  }

  /**
   * Parses a configured URL as bkmonitorbeat does ({@code http://} prepended when it does not
   * start with {@code http}); returns null when it is not an http or https URL with a host.
   */
  static URI parseUrl(String configured) {
    String text = configured.trim();
    if (!text.toLowerCase(Locale.ROOT).startsWith("http")) {
      text = "http://" + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      try {
        // Lenient like Go: quote characters java.net.URI rejects (spaces in a query, '|', ...).
        URL url = new URL(text);
        uri = new URI(url.getProtocol(), url.getUserInfo(), url.getHost(), url.getPort(),
            url.getPath(), url.getQuery(), url.getRef());
      } catch (Exception again) {
        return null;
      }
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null || uri.getHost().isEmpty()) {
      return null;
    }
    return uri;
  }

  private UptimeCheckEvent begin(HttpSettings.Step step, String url, String resolvedIp) {
    return UptimeCheckEvent.begin(context)
        .put("url", url)
        .put("steps", settings.steps().size())
        .put("method", step.method())
        .put("response_code", 0)
        .put("message", "")
        .put("charset", "")
        .put("content_length", 0)
        .put("media_type", "")
        .put("resolved_ip", resolvedIp);
  }

  private void emit(UptimeCheckEvent result, int stepNumber) {
    int status = result.status() == UptimeCheckEvent.STATUS_ERROR ? stepNumber : result.status();
    if (settings.net().customReport()) {
      context.sink().emit(customReport(result, status));
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>(result.toEvent().fields());
    fields.put("status", status);
    context.sink().emit(Event.of(task.type(), fields));
  }

  private Event customReport(UptimeCheckEvent result, int status) {
    Map<String, Object> extra = result.extraFields();
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("bk_biz_id", Integer.toString(task.bizId()));
    dimensions.put("url", String.valueOf(extra.get("url")));
    dimensions.put("method", String.valueOf(extra.get("method")));
    dimensions.put("response_code", String.valueOf(extra.get("response_code")));
    dimensions.put("message", String.valueOf(extra.get("message")));
    dimensions.put("error_code", Integer.toString(result.code().code()));
    dimensions.put("media_type", String.valueOf(extra.get("media_type")));
    dimensions.put("resolved_ip", String.valueOf(extra.get("resolved_ip")));
    dimensions.put("status", Integer.toString(status));
    dimensions.put("task_id", Integer.toString(task.taskId()));
    dimensions.put("task_type", task.type());
    dimensions.putAll(CustomReport.agentDimensions(context.hostIdentity()));
    return CustomReport.build(result, String.valueOf(extra.get("url")), dimensions);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** One request to make: a step's URL at one address. */
  private record Target(HttpSettings.Step step, int number, String url, URI uri,
      InetAddress address) {}
}
