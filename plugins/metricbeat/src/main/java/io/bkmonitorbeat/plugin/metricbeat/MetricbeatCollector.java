package io.bkmonitorbeat.plugin.metricbeat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.GatherUp;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.prom.ParseError;
import io.bkmonitorbeat.prom.ParseStats;
import io.bkmonitorbeat.prom.PromTextParser;
import io.bkmonitorbeat.prom.Sample;
import io.bkmonitorbeat.prom.SampleConsumer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one metricbeat task (spec 10.7): at every run it fetches the remote relabel
 * rules (when configured), scrapes every host in parallel, parses each body with the shared
 * Prometheus parser, and emits the metric events and one gather-up event per host (on the host's
 * {@code gather_up_beat.dataid}; none when that is 0).
 *
 * <p>Differences from bkmonitorbeat, by decision: the host schedules the runs (a polled task with
 * the task's period and timeout) instead of a private ticker, and never overlaps them; the body
 * is parsed in memory on the collector thread (no temp file, so code 1501 never occurs; {@code
 * workers} and {@code keep_one_dimension} are accepted and ignored); the per-request timeout is
 * always applied and also bounded by the run's deadline (G-14); a non-2xx status is a failed
 * scrape with code 1202 and its body is not parsed (G-14); request failures are 2501, timeouts
 * 1101.
 *
 * <p>Thread: {@link #collect} runs on a host worker, never concurrently with itself; the HTTP
 * client runs on a pool of context threads shut down by {@link #close}.
 */
final class MetricbeatCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(MetricbeatCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CollectorContext context;
  private final TaskSpec task;
  private final MetricbeatSettings settings;
  private final ScrapeEvents events;
  private final List<PerTarget> targets = new ArrayList<>();
  private final SampleProcessor.Counters processing = new SampleProcessor.Counters();
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong scrapeFailures = new AtomicLong();
  private final AtomicLong malformedLines = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong recordsDropped = new AtomicLong();
  private final AtomicLong remoteRelabelFailures = new AtomicLong();
  private final AtomicLong eventsDropped = new AtomicLong();
  private final AtomicLong gatherUpSkipped = new AtomicLong();

  private ExecutorService executor;
  private Scraper scraper;
  private List<RelabelRule> remoteRules = List.of();
  private volatile boolean closed;

  /** The parser and delta/rate state of one host. */
  private record PerTarget(URI uri, PromTextParser parser, SampleProcessor processor) {}

  MetricbeatCollector(CollectorContext context, MetricbeatSettings settings) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.events = new ScrapeEvents(task, settings);
    for (URI uri : settings.targets()) {
      targets.add(new PerTarget(uri, new PromTextParser(), new SampleProcessor(settings, processing)));
    }
  }

  @Override
  public synchronized void collect(Instant deadline) throws Exception {
    if (closed || !settings.enabled()) {
      return;
    }
    if (scraper == null) {
      executor = Executors.newCachedThreadPool(context.threadFactory("http"));
      scraper = new Scraper(settings, executor, context::nanoTime);
    }
    Instant start = context.clock().instant();
    List<RelabelRule> remote = fetchRemoteRules(deadline);
    long waitNanos = Math.min(settings.timeout().toNanos(),
        Math.max(0, Duration.between(context.clock().instant(), deadline).toNanos()));
    List<Scraper.Pending> pending = new ArrayList<>();
    for (PerTarget target : targets) {
      pending.add(scraper.start(target.uri(), Duration.ofNanos(Math.max(waitNanos, 1_000_000))));
    }
    for (int i = 0; i < targets.size(); i++) {
      ScrapeOutcome outcome = scraper.await(pending.get(i), waitNanos);
      handle(targets.get(i), outcome, remote, start);
    }
  }

  private void handle(PerTarget target, ScrapeOutcome outcome, List<RelabelRule> remote, Instant start) {
    scrapes.incrementAndGet();
    long scrapeSecond = start.getEpochSecond();
    long selfTs = settings.disableCustomTimestamp() ? MetricRecord.NO_TIMESTAMP : scrapeSecond;
    List<MetricRecord> sampleRecords = List.of();
    List<MetricRecord> self = new ArrayList<>();
    ErrorCode code = outcome.code();
    String error = null;
    if (!outcome.ok()) {
      scrapeFailures.incrementAndGet();
      error = outcome.message();
      log.debug("{}: scrape of {} failed: {} {}", task.label(), target.uri(), code, error);
    } else {
      long handleStart = context.nanoTime();
      SampleProcessor.Scrape scrape = target.processor().begin(remote, start.toEpochMilli() / 1000.0);
      ParseStats stats = target.parser().parseBytes(outcome.body(), 0, outcome.body().length,
          new SampleConsumer() {
            @Override
            public void accept(Sample sample) {
              scrape.accept(sample);
            }

            @Override
            public void onError(ParseError parseError) {
              if (malformedLines.getAndIncrement() % 1000 == 0) {
                log.warn("{}: {}: malformed line skipped: {}", task.label(), target.uri(), parseError);
              }
            }
          });
      samples.addAndGet(stats.samples());
      sampleRecords = scrape.records();
      if (!stats.clean()) {
        code = ErrorCode.INVALID_PROM_FORMAT;
      }
      double handleSeconds = (context.nanoTime() - handleStart) / 1e9;
      self.add(MetricRecord.self("bkm_metricbeat_scrape_size_bytes", Map.of(), outcome.body().length, selfTs));
      self.add(MetricRecord.self("bkm_metricbeat_scrape_duration_seconds", Map.of(), round6(outcome.seconds()), selfTs));
      self.add(MetricRecord.self("bkm_metricbeat_scrape_line", Map.of(), sampleRecords.size(), selfTs));
      self.add(endpointUp(code, selfTs));
      self.add(MetricRecord.self("bkm_metricbeat_handle_duration_seconds", Map.of(), round6(handleSeconds), selfTs));
    }
    if (!outcome.ok()) {
      self.add(endpointUp(code, selfTs));
    }
    ScrapeEvents.Batches batches = events.metricEvents(sampleRecords, self, start, error);
    recordsDropped.addAndGet(batches.droppedRecords());
    for (Event event : batches.events()) {
      emit(event);
    }
    // The host's gather_up_beat.dataid, read at every scrape (a reload may change it); 0 means
    // none is configured, and the original's output rejects data id 0, so nothing is sent.
    int gatherUpDataId = context.gatherUpDataId();
    if (gatherUpDataId > 0) {
      // bkm_gather_up = metric events + 1; the endpoint tells the scrapes of one task apart.
      emit(GatherUp.event(context.task(), ScrapeEvents.TYPE, gatherUpDataId, code,
          batches.events().size() + 1, Map.of("bkm_metricbeat_endpoint", target.uri().toString()), start));
    } else {
      gatherUpSkipped.incrementAndGet();
    }
  }

  private static MetricRecord endpointUp(ErrorCode code, long ts) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("code", Integer.toString(code.code()));
    labels.put("code_name", code.upCodeName());
    return MetricRecord.self("bkm_metricbeat_endpoint_up", labels, 1, ts);
  }

  private void emit(Event event) {
    if (!context.sink().emit(event)) {
      eventsDropped.incrementAndGet();
    }
  }

  /**
   * Fetches {@code metric_relabel_remote} (a JSON list of rules with camelCase keys). On failure
   * the last good rules stay in force (counted and logged) rather than scraping unfiltered.
   */
  private List<RelabelRule> fetchRemoteRules(Instant deadline) throws InterruptedException {
    if (settings.remoteRelabel() == null) {
      return List.of();
    }
    Duration left = Duration.between(context.clock().instant(), deadline);
    Duration timeout = settings.remoteRelabelTimeout().compareTo(left) < 0 ? settings.remoteRelabelTimeout() : left;
    try {
      byte[] body = scraper.fetch(settings.remoteRelabel(), timeout.isNegative() || timeout.isZero()
          ? Duration.ofMillis(1) : timeout);
      remoteRules = parseRemoteRules(settings.remoteRelabel().toString(), body);
    } catch (IOException | RuntimeException e) {
      remoteRelabelFailures.incrementAndGet();
      log.warn("{}: remote relabel rules from {} not updated: {}", task.label(),
          settings.remoteRelabel(), e.getMessage());
    }
    return remoteRules;
  }

  /** Parses remote rules; delta/rate entries are not relabel rules and are ignored. */
  static List<RelabelRule> parseRemoteRules(String source, byte[] body) throws IOException {
    Object parsed = JSON.readValue(body, Object.class);
    if (!(parsed instanceof List<?> list)) {
      throw new IOException("remote relabel rules must be a JSON list");
    }
    List<RelabelRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new IOException("remote relabel rule [" + i + "] must be a JSON object");
      }
      @SuppressWarnings("unchecked")
      Settings rule = Settings.of(source, "[" + i + "]", (Map<String, ?>) map);
      String action = rule.string("action", "");
      if (!action.equalsIgnoreCase("delta") && !action.equalsIgnoreCase("rate")) {
        rules.add(RelabelRule.fromRemote(rule));
      }
    }
    return List.copyOf(rules);
  }

  private static double round6(double seconds) {
    return Math.round(seconds * 1e6) / 1e6;
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("scrapes", scrapes.get());
    c.put("scrape_failures", scrapeFailures.get());
    c.put("samples_parsed", samples.get());
    c.put("malformed_lines", malformedLines.get());
    c.put("relabel_dropped", processing.relabelDropped().get());
    c.put("non_finite_dropped", processing.nonFiniteDropped().get());
    c.put("rate_skipped_zero_interval", processing.rateSkipped().get());
    c.put("records_dropped_max_batches", recordsDropped.get());
    c.put("remote_relabel_failures", remoteRelabelFailures.get());
    c.put("events_dropped", eventsDropped.get());
    c.put("gather_up_skipped_no_dataid", gatherUpSkipped.get());
    return c;
  }

  @Override
  public void close() {
    closed = true;
    ExecutorService pool = executor;
    if (pool != null) {
      pool.shutdownNow();
      // The HTTP client keeps this pool until its selector thread notices, seconds later, that
      // the client is gone; the context's factory references the plugin's class loader, so swap
      // in the JDK's (the pool is shut down and makes no more threads).
      if (pool instanceof ThreadPoolExecutor tpe) {
        tpe.setThreadFactory(Executors.defaultThreadFactory());
      }
      try {
        pool.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
