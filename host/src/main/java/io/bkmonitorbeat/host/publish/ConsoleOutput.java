package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.config.HostIdInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Writes each event as one JSON object per line to a stream (stdout in production, output type
 * {@code console}), with the GSE attach fields taken from the host-id file and the OS host name
 * (there is no agent), {@code gseindex} counted per dataid in memory. Thread-safe.
 *
 * <p>Producers enqueue and a small writer thread ({@code console-writer}) prints, rather than
 * printing directly: stdout may be a pipe whose reader is slow or gone, and a blocked {@code
 * println} must not block collectors. Lines are written whole under one lock, so they never
 * interleave with other users of the same stream that lock it too ({@link PrintStream} does).
 */
public final class ConsoleOutput implements Output {
  private static final int CAPACITY = 8192;
  private static final int BATCH = 256;

  private final PrintStream out;
  private final AgentInfoResolver resolver;
  private final EventQueue<QueuedEvent> queue =
      new EventQueue<>(CAPACITY, OverflowPolicy.DROP_OLDEST);
  private final GseCounters counters = new GseCounters();
  private final GseIndexStore index = GseIndexStore.inMemory();
  private final DropLog dropLog = new DropLog("console output queue full or bad event");
  private final Thread writerThread = new Thread(this::writeLoop, "console-writer");
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean stopping;

  /**
   * Creates the output.
   *
   * @param out where lines go, usually {@code System.out}
   * @param hostIdInfo the current host-id file content
   */
  public ConsoleOutput(PrintStream out, Supplier<HostIdInfo> hostIdInfo) {
    this.out = Objects.requireNonNull(out, "out");
    this.resolver = AgentInfoResolver.hostIdOnly(hostIdInfo);
    writerThread.setDaemon(true);
  }

  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      writerThread.start();
    }
  }

  @Override
  public boolean publish(OutboundEvent event) {
    Map<String, Object> fields = event.fields();
    int dataId = EventFields.dataId(fields, event.dataId());
    if (closed.get() || fields.isEmpty() || dataId <= 0) {
      counters.inc(GseCounters.PUBLISH_DROPPED);
      dropLog.dropped(1, "dataid " + fields.get("dataid"));
      return false;
    }
    counters.inc(GseCounters.PUBLISH_RECEIVED);
    int dropped = queue.offer(new QueuedEvent(dataId, System.currentTimeMillis() / 1000, fields));
    if (dropped > 0) {
      counters.add(GseCounters.QUEUE_DROPPED, dropped);
      dropLog.dropped(dropped, "queue of " + CAPACITY + " full");
    }
    return true;
  }

  @Override
  public AgentInfo agentInfo() {
    AgentInfo local = new AgentInfo(0, 0, 0, "", "", "", 0, 0, HostNames.osHostname());
    return resolver.resolve(local);
  }

  @Override
  public Map<String, Long> counters() {
    return counters.snapshot(queue.size());
  }

  private void writeLoop() {
    List<QueuedEvent> batch = new ArrayList<>(BATCH);
    ByteArrayOutputStream lines = new ByteArrayOutputStream(64 * 1024);
    while (!(stopping && queue.isEmpty())) {
      batch.clear();
      try {
        if (queue.drainTo(batch, BATCH, TimeUnit.MILLISECONDS.toNanos(50)) == 0) {
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      AgentInfo info = agentInfo(); // host-id file may change; once per batch is enough
      lines.reset();
      for (QueuedEvent event : batch) {
        EventFields.attach(event.fields(), event.dataId(), info, index);
        try {
          lines.write(EventJson.bytes(event.fields()));
          lines.write('\n');
          counters.inc(GseCounters.PUBLISH_TOTAL);
        } catch (IOException | RuntimeException e) {
          counters.inc(GseCounters.PUBLISH_FAILED);
          dropLog.dropped(1, "JSON encoding failed: " + e);
        }
      }
      synchronized (out) { // PrintStream's own lock: whole lines, never interleaved
        out.write(lines.toByteArray(), 0, lines.size());
        out.flush();
      }
    }
  }

  @Override
  public void close(Duration flushTimeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping = true;
    if (started.get()) {
      try {
        writerThread.join(Math.max(1, flushTimeout.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int left = queue.clear();
    if (left > 0) {
      counters.add(GseCounters.PUBLISH_DROPPED, left);
      dropLog.dropped(left, "closed before printing");
    }
  }
}
