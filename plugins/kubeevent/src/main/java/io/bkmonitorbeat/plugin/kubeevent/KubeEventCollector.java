package io.bkmonitorbeat.plugin.kubeevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.StreamingCollector;
import io.bkmonitorbeat.tail.LineListener;
import io.bkmonitorbeat.tail.TailSettings;
import io.bkmonitorbeat.tail.Tailer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running kubeevent task. Event lines come from a {@link Tailer} over {@code tail_files}
 * (read from the beginning on the first run, then resumed from the persisted offsets) and,
 * with {@code kube_api}, from a {@link KubeApiWatcher}; both feed one {@link EventWindows}. A
 * single flusher thread reports the windows every {@code interval} (batched 100 records to an
 * event), then commits the file offsets and the watch's resource version, and sends the
 * self-monitoring counters every minute when {@code upmetrics_dataid} is set.
 */
final class KubeEventCollector implements StreamingCollector, LineListener {
  private static final Logger log = LoggerFactory.getLogger(KubeEventCollector.class);
  private static final int MAX_IDENTITIES = 200_000;
  private static final Duration UP_METRICS_PERIOD = Duration.ofMinutes(1);

  private final CollectorContext context;
  private final KubeEventSettings settings;
  private final ObjectMapper mapper = new ObjectMapper();
  private final KubeEventParser parser = new KubeEventParser(mapper);
  private final EventWindows windows;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder received = new LongAdder();
  private final LongAdder reported = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder noTimestamp = new LongAdder();
  private final LongAdder droppedBySink = new LongAdder();
  private final Object parseLock = new Object();
  private final Object flushLock = new Object();
  private volatile Tailer tailer;
  private volatile KubeApiWatcher watcher;
  private volatile ScheduledThreadPoolExecutor flusher;

  KubeEventCollector(CollectorContext context, KubeEventSettings settings) {
    this.context = context;
    this.settings = settings;
    this.windows = new EventWindows(context.clock().instant(), MAX_IDENTITIES);
  }

  @Override
  public synchronized void start() throws Exception {
    if (closed.get()) {
      throw new IllegalStateException("closed");
    }
    Path state = context.stateDirectory();
    if (!settings.tailFiles().isEmpty()) {
      TailSettings tail = TailSettings.of(settings.tailFiles(), List.of(), state.resolve("kubeevent-offsets"),
          TailSettings.StartPosition.BEGINNING);
      tailer = new Tailer(context.task().label(), tail, this, context.threadFactory("tailer"));
      tailer.start();
    }
    if (settings.api().isPresent()) {
      watcher = new KubeApiWatcher(context.task().label(), settings.api().get(), mapper, this::onObject,
          context.threadFactory("watch"), state.resolve("kubeevent-resource-version"));
      watcher.start();
    }
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, context.threadFactory("flusher"));
    long interval = settings.interval().toMillis();
    executor.scheduleAtFixedRate(this::flushSafely, interval, interval, TimeUnit.MILLISECONDS);
    if (settings.upMetricsDataId() > 0) {
      long up = UP_METRICS_PERIOD.toMillis();
      executor.scheduleAtFixedRate(this::sendUpMetrics, up, up, TimeUnit.MILLISECONDS);
    }
    flusher = executor;
    log.info("{}: following Kubernetes events from {}{}", context.task().label(), settings.tailFiles(),
        settings.api().map(a -> " and " + a.url()).orElse(""));
  }

  @Override
  public void onLine(Path file, byte[] buf, int off, int len, boolean cut) {
    if (cut) {
      malformed.increment(); // a cut JSON object cannot parse
      return;
    }
    KubeEventParser.Result result;
    synchronized (parseLock) {
      result = parser.parse(new String(buf, off, len, StandardCharsets.UTF_8));
    }
    accept(result);
  }

  private void onObject(JsonNode object) {
    KubeEventParser.Result result;
    synchronized (parseLock) {
      result = parser.parse(object);
    }
    accept(result);
  }

  private void accept(KubeEventParser.Result result) {
    if (result.event() != null) {
      received.increment();
      windows.add(result.event());
    } else if (result.reject() == KubeEventParser.Reject.NO_TIMESTAMP) {
      noTimestamp.increment();
    } else {
      malformed.increment();
    }
  }

  private void flushSafely() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("{}: flushing Kubernetes events failed", context.task().label(), e);
    }
  }

  /** Reports the windows, then commits what they cover (file offsets, watch version). */
  void flush() {
    synchronized (flushLock) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (EventWindows.Report report : windows.tick()) {
        records.add(KubeEventRecords.record(report, settings.labels()));
      }
      reported.add(records.size());
      for (Event event : KubeEventRecords.events(settings.dataId(), records)) {
        if (!context.sink().emit(event)) {
          droppedBySink.increment();
        }
      }
      Tailer t = tailer;
      if (t != null) {
        t.commit(); // safe off the tailer's thread: the registry is only read and written here and in rounds
      }
      KubeApiWatcher w = watcher;
      if (w != null) {
        w.persist();
      }
    }
  }

  private void sendUpMetrics() {
    try {
      Event event = KubeEventRecords.upMetrics(settings.upMetricsDataId(), settings.taskId(), settings.bizId(),
          settings.labels(), received.sum(), reported.sum(), windows.cleaned(), context.clock().millis());
      if (!context.sink().emit(event)) {
        droppedBySink.increment();
      }
    } catch (RuntimeException e) {
      log.warn("{}: sending the kubeevent counters failed", context.task().label(), e);
    }
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> map = new LinkedHashMap<>();
    Tailer t = tailer;
    if (t != null) {
      map.putAll(t.counters().snapshot());
    }
    map.put("received_events", received.sum());
    map.put("reported_records", reported.sum());
    map.put("cleaned_identities", windows.cleaned());
    map.put("dropped_identities", windows.dropped());
    map.put("malformed_lines", malformed.sum());
    map.put("no_timestamp", noTimestamp.sum());
    synchronized (parseLock) {
      map.put("bad_timestamps", parser.badTimestamps());
    }
    map.put("dropped_by_sink", droppedBySink.sum());
    KubeApiWatcher w = watcher;
    if (w != null) {
      map.put("api_lists", w.lists.sum());
      map.put("api_watches", w.watches.sum());
      map.put("api_objects", w.objects.sum());
      map.put("api_errors", w.errors.sum());
    }
    return map;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      ScheduledThreadPoolExecutor executor = flusher;
      if (executor != null) {
        executor.shutdownNow();
        try {
          executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (watcher != null) {
        watcher.close();
      }
      if (tailer != null) {
        tailer.close();
      }
      if (tailer != null || watcher != null) {
        flushSafely(); // what was counted is reported, then committed
      }
    }
  }
}
