package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.config.HostIdInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output to the local GSE agent (spec 2.9, output types {@code gse}, {@code bkpipe} and their
 * {@code _ignore}/{@code _multi} variants). Producers put events into a bounded queue and never
 * block; a full queue drops per the {@code overflow} policy, counted and logged. One owner thread
 * ({@link GseWriter}, {@code gse-writer}) owns the connection; a {@link GseReader} ({@code
 * gse-reader}) reads the agent's answers. Start-up never waits for the agent: events queue until
 * it answers. Thread-safe.
 */
public final class GseOutput implements Output {
  private static final Logger log = LoggerFactory.getLogger(GseOutput.class);
  /** The gseindex file inside the data directory. */
  static final String GSEINDEX_FILE = "gseindex.json";

  private final GseConfig config;
  private final EventQueue<QueuedEvent> queue;
  private final GseCounters counters = new GseCounters();
  private final AgentInfoCache agentInfo;
  private final GseWriter writer;
  private final Thread writerThread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final DropLog queueDropLog = new DropLog("output queue full");
  private final DropLog rejectLog = new DropLog("no usable dataid, empty event or output closed");

  /**
   * Creates the output; nothing connects until {@link #start()}.
   *
   * @param config the output section, see {@link Outputs#create}
   * @param hostIdInfo the current host-id file content (spec 3.6), asked once per batch
   * @param dataDir where {@value #GSEINDEX_FILE} is kept
   */
  GseOutput(GseConfig config, Supplier<HostIdInfo> hostIdInfo, Path dataDir) {
    this.config = Objects.requireNonNull(config, "config");
    this.queue = new EventQueue<>(config.queueSize(), config.overflow());
    this.agentInfo = new AgentInfoCache(AgentInfoResolver.of(config, hostIdInfo));
    GseIndexStore index = GseIndexStore.load(dataDir.resolve(GSEINDEX_FILE));
    this.writer = new GseWriter(config, queue, counters, agentInfo, index);
    this.writerThread = new Thread(writer, "gse-writer");
    writerThread.setDaemon(true);
  }

  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      log.info("GSE output to {} (queue {} events, overflow {})", config.endpoint(),
          config.queueSize(), config.overflow().key());
      writerThread.start();
    }
  }

  @Override
  public boolean publish(OutboundEvent event) {
    Map<String, Object> fields = event.fields();
    if (closed.get() || fields.isEmpty()) {
      return reject(closed.get() ? "output closed" : "empty event");
    }
    counters.inc(GseCounters.PUBLISH_RECEIVED);
    int dataId = EventFields.dataId(fields, event.dataId());
    if (dataId <= 0) {
      return reject("dataid " + fields.get("dataid"));
    }
    long now = System.currentTimeMillis() / 1000;
    int dropped = queue.offer(new QueuedEvent(dataId, now, fields));
    if (dropped == 0) {
      return true;
    }
    counters.add(GseCounters.QUEUE_DROPPED, dropped);
    queueDropLog.dropped(dropped, "policy " + config.overflow().key() + ", capacity "
        + config.queueSize() + ", dataid " + dataId);
    return config.overflow() == OverflowPolicy.DROP_OLDEST; // then this event is queued
  }

  private boolean reject(String why) {
    counters.inc(GseCounters.PUBLISH_DROPPED);
    rejectLog.dropped(1, why);
    return false;
  }

  @Override
  public boolean ready() {
    return agentInfo.agentAnswered();
  }

  @Override
  public AgentInfo agentInfo() {
    return agentInfo.resolved();
  }

  @Override
  public Map<String, Long> counters() {
    return counters.snapshot(queue.size());
  }

  @Override
  public void close(Duration flushTimeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + Math.max(0, flushTimeout.toNanos());
    if (started.get()) {
      writer.stop(deadline);
      join(deadline);
      if (writerThread.isAlive()) {
        writer.abort(); // unblocks a write stuck on a stalled agent
        join(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
      }
    }
    long left = (writerThread.isAlive() ? 0 : writer.unsentFrames()) + queue.clear();
    if (left > 0) {
      counters.add(GseCounters.PUBLISH_DROPPED, left);
      log.warn("GSE output closed with {} event(s) unsent after {}", left, flushTimeout);
    }
  }

  private void join(long deadlineNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    try {
      writerThread.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
