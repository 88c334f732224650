package io.bkmonitorbeat.plugin.keyword;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.StreamingCollector;
import io.bkmonitorbeat.tail.LineListener;
import io.bkmonitorbeat.tail.TailSettings;
import io.bkmonitorbeat.tail.Tailer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running keyword task: one {@link Tailer} thread reads, matches, aggregates and, every
 * {@code report_period}, flushes events and then commits the offsets; {@link #close()} stops the
 * tailer, flushes what is pending and commits, so lines are neither lost nor counted twice across
 * a restart. A crash loses no line either: uncommitted lines are read again.
 */
final class KeywordCollector implements StreamingCollector, LineListener {
  private static final Logger log = LoggerFactory.getLogger(KeywordCollector.class);
  private static final int MAX_KEYS = 100_000;

  private final CollectorContext context;
  private final KeywordSettings settings;
  private final LineMatcher matcher;
  private final KeywordAggregator aggregator = new KeywordAggregator(MAX_KEYS);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder matched = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder droppedBySink = new LongAdder();
  private final Object flushLock = new Object();
  private volatile Tailer tailer;
  private long nextFlushNanos;
  private String currentFile = "";
  private Path currentPath;

  KeywordCollector(CollectorContext context, KeywordSettings settings) {
    this.context = context;
    this.settings = settings;
    this.matcher = new LineMatcher(settings.filters(), settings.rules());
  }

  @Override
  public synchronized void start() throws Exception {
    if (closed.get()) {
      throw new IllegalStateException("closed");
    }
    Path registry = context.stateDirectory().resolve("keyword-offsets");
    TailSettings tail = TailSettings.of(settings.paths(), settings.excludes(), registry,
            settings.fromBeginning() ? TailSettings.StartPosition.BEGINNING : TailSettings.StartPosition.END)
        .withMaxLineBytes(settings.maxLineBytes())
        .withCloseInactive(settings.closeInactive())
        .withIntervals(java.time.Duration.ofMillis(100), settings.scanFrequency());
    nextFlushNanos = context.nanoTime() + settings.reportPeriod().toNanos();
    Tailer t = new Tailer(context.task().label(), tail, this, context.threadFactory("tailer"));
    tailer = t;
    t.start();
    log.info("{}: following {} with {} rules, offsets in {}", context.task().label(), settings.paths(),
        settings.rules().size(), registry);
  }

  @Override
  public void onLine(Path file, byte[] buf, int off, int len, boolean cut) {
    if (file != currentPath) {
      currentPath = file;
      currentFile = file.toString();
    }
    String line = new String(buf, off, len, settings.charset());
    int n = matcher.apply(line, (rule, values, text) -> aggregator.add(currentFile, rule, values, text));
    if (n == LineMatcher.FILTERED) {
      filtered.increment();
    } else if (n > 0) {
      matched.increment();
    }
  }

  @Override
  public void afterRound(long nanoTime) {
    if (nanoTime - nextFlushNanos >= 0) {
      nextFlushNanos = nanoTime + settings.reportPeriod().toNanos();
      flushAndCommit();
    }
  }

  /** Emits the counts since the last flush, then persists the offsets of the lines they cover. */
  private void flushAndCommit() {
    synchronized (flushLock) {
      try {
        List<KeywordAggregator.Entry> entries = aggregator.drain();
        if (!entries.isEmpty()) {
          HostCmdb cmdb = context.hostCmdb();
          List<Map<String, String>> expansions = LabelExpander.expand(settings.labels(), cmdb.levels(),
              cmdb.loaded() ? cmdb.innerIp() : context.hostIdentity().ip(), context.hostIdentity().cloudId());
          long timestamp = context.clock().millis() / 1000 * settings.timeUnitFactor();
          List<Map<String, Object>> recs = KeywordEvents.records(entries, timestamp, settings.target(), expansions);
          records.add(recs.size());
          for (Event event : KeywordEvents.events(settings.dataId(), recs, settings.batchSize())) {
            events.increment();
            if (!context.sink().emit(event)) {
              droppedBySink.increment();
            }
          }
        }
      } catch (RuntimeException e) {
        log.warn("{}: flushing keyword counts failed", context.task().label(), e);
      }
      Tailer t = tailer;
      if (t != null) {
        t.commit();
      }
    }
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> map = new LinkedHashMap<>();
    Tailer t = tailer;
    if (t != null) {
      map.putAll(t.counters().snapshot());
    }
    map.put("lines_filtered", filtered.sum());
    map.put("lines_matched", matched.sum());
    map.put("records_emitted", records.sum());
    map.put("events_emitted", events.sum());
    map.put("dropped_by_sink", droppedBySink.sum());
    map.put("dropped_aggregation_keys", aggregator.dropped());
    return map;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Tailer t;
    synchronized (this) {
      t = tailer;
    }
    if (t != null) {
      t.close();
      flushAndCommit(); // the tailer's thread has ended: what it counted is flushed, then committed
    }
  }
}
