package io.bkmonitorbeat.host.publish;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection owner: the only thread that connects, reconnects and writes (gap G-1). It sends
 * an agent-info request after every connect and every 31 s ahead of any data, waits for the
 * agent's first answer before sending data, then drains the queue in batches, attaching agent
 * info and {@code gseindex}, encoding, and writing several frames per write. A failed or stalled
 * write closes the connection and the unsent frames are re-sent after reconnecting (capped
 * exponential backoff). Runs on its own thread ({@code gse-writer}); {@link #stop} and {@link
 * #abort} may be called from any thread.
 */
final class GseWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(GseWriter.class);
  /** Events per batch: about 250 KB of 500-byte events, one write(2) each. */
  private static final int MAX_BATCH_EVENTS = 256;
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final GseConfig config;
  private final EventQueue<QueuedEvent> queue;
  private final GseCounters counters;
  private final AgentInfoCache agentInfo;
  private final GseIndexStore index;
  private final DropLog failedLog = new DropLog("JSON encoding failed");
  private final FrameBatch batch = new FrameBatch();
  private final List<QueuedEvent> drained = new ArrayList<>(MAX_BATCH_EVENTS);

  private volatile Thread ownerThread;
  private volatile Transport transport;
  private volatile boolean stopping;
  private volatile long deadlineNanos;
  private GseReader reader;
  private Thread readerThread;
  private long backoffNanos;
  private long nextConnectNanos;
  private long nextAgentInfoNanos;
  private int failedAttempts;
  private boolean everConnected;

  GseWriter(GseConfig config, EventQueue<QueuedEvent> queue, GseCounters counters,
      AgentInfoCache agentInfo, GseIndexStore index) {
    this.config = config;
    this.queue = queue;
    this.counters = counters;
    this.agentInfo = agentInfo;
    this.index = index;
    this.backoffNanos = config.reconnectMin().toNanos();
  }

  /** Asks the loop to send what is queued until {@code deadline} (nano time), then to end. */
  void stop(long deadline) {
    deadlineNanos = deadline;
    stopping = true;
    wake();
  }

  /** Closes the connection under a stuck write so the loop can see the deadline. */
  void abort() {
    Transport t = transport;
    if (t != null) {
      t.close();
    }
  }

  /** Returns the frames still held for (re-)sending, for the final drop count. */
  int unsentFrames() {
    return batch.frames();
  }

  @Override
  public void run() {
    ownerThread = Thread.currentThread();
    try {
      while (!finished()) {
        step();
      }
    } finally {
      disconnect();
      index.flush();
    }
  }

  private boolean finished() {
    if (!stopping) {
      return false;
    }
    boolean empty = queue.isEmpty() && batch.isEmpty();
    return empty || System.nanoTime() - deadlineNanos >= 0;
  }

  private void step() {
    index.flushIfDue();
    if (transport == null || reader.isBroken()) {
      if (transport != null) {
        disconnect();
      }
      connect();
      return;
    }
    if (System.nanoTime() - nextAgentInfoNanos >= 0) {
      // Ahead of data: the request never waits behind a full queue (gap G-1).
      nextAgentInfoNanos = System.nanoTime() + config.agentInfoInterval().toNanos();
      if (!send(ByteBuffer.wrap(GseFrames.agentInfoRequest()), false)) {
        return;
      }
    }
    if (!agentInfo.agentAnswered()) {
      LockSupport.parkNanos(this, IDLE_WAIT_NANOS); // events wait in the queue, not lost
      return;
    }
    if (batch.isEmpty() && !fillBatch()) {
      return;
    }
    ByteBuffer bytes = batch.toBuffer();
    if (send(bytes, true)) {
      counters.add(GseCounters.SEND_TOTAL, batch.frames());
      batch.clear();
    } else {
      counters.add(GseCounters.SEND_TOTAL, batch.discardWritten(bytes.position()));
    }
  }

  private boolean fillBatch() {
    drained.clear();
    try {
      if (queue.drainTo(drained, MAX_BATCH_EVENTS, IDLE_WAIT_NANOS) == 0) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // only on JVM teardown: end now, keep the flag
      deadlineNanos = System.nanoTime();
      stopping = true;
      return false;
    }
    AgentInfo info = agentInfo.resolved();
    for (QueuedEvent event : drained) {
      EventFields.attach(event.fields(), event.dataId(), info, index);
      batch.beginFrame();
      try {
        EventJson.write(batch, event.fields());
        batch.endFrame(event.dataId(), event.utcSeconds());
        counters.inc(GseCounters.PUBLISH_TOTAL);
      } catch (IOException | RuntimeException e) {
        batch.abortFrame();
        counters.inc(GseCounters.PUBLISH_FAILED);
        failedLog.dropped(1, "dataid " + event.dataId() + ": " + e);
      }
    }
    drained.clear();
    return !batch.isEmpty();
  }

  /** Writes {@code bytes}; on failure closes the connection and returns false. */
  private boolean send(ByteBuffer bytes, boolean data) {
    try {
      transport.writeFully(bytes);
      counters.inc(GseCounters.CLIENT_SEND_TOTAL);
      return true;
    } catch (SocketTimeoutException e) {
      counters.inc(GseCounters.CLIENT_SEND_TIMEOUT);
      log.warn("write to the GSE agent stalled for {}; reconnecting and re-sending",
          config.writeTimeout());
    } catch (IOException e) {
      if (!stopping) {
        log.warn("write of {} to the GSE agent failed; reconnecting: {}",
            data ? "data" : "an agent-info request", e.toString());
      }
    }
    disconnect();
    return false;
  }

  private void connect() {
    long now = System.nanoTime();
    if (now - nextConnectNanos < 0) {
      LockSupport.parkNanos(this, Math.min(IDLE_WAIT_NANOS, nextConnectNanos - now));
      return;
    }
    if (everConnected || failedAttempts > 0) {
      counters.inc(GseCounters.CLIENT_CONNECT_RETRY);
    }
    Transport t;
    try {
      t = Transport.connect(config.endpoint(), config.reconnectMax(), config.writeTimeout(),
          config.jdkUnixTransport());
    } catch (IOException | RuntimeException e) {
      counters.inc(GseCounters.CLIENT_CONNECT_FAILED);
      if (failedAttempts++ == 0) {
        log.warn("cannot connect to the GSE agent at {} ({}); retrying with backoff up to {}",
            config.endpoint(), e.toString(), config.reconnectMax());
      } else {
        log.debug("connect attempt {} to {} failed: {}", failedAttempts, config.endpoint(), e);
      }
      nextConnectNanos = System.nanoTime() + backoffNanos;
      backoffNanos = Math.min(backoffNanos * 2, config.reconnectMax().toNanos());
      return;
    }
    counters.inc(GseCounters.CLIENT_CONNECTED);
    log.info("connected to the GSE agent at {}{}", config.endpoint(),
        failedAttempts > 0 ? " after " + failedAttempts + " failed attempt(s)" : "");
    failedAttempts = 0;
    everConnected = true;
    backoffNanos = config.reconnectMin().toNanos();
    nextAgentInfoNanos = System.nanoTime();
    transport = t;
    reader = new GseReader(t, agentInfo, counters, this::wake);
    readerThread = new Thread(reader, "gse-reader");
    readerThread.setDaemon(true);
    readerThread.start();
  }

  private void disconnect() {
    Transport t = transport;
    if (t == null) {
      return;
    }
    reader.closing();
    t.close();
    transport = null;
    try {
      readerThread.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Go sleeps 1 s before reconnecting: an agent that just closed is likely restarting.
    nextConnectNanos = System.nanoTime() + config.reconnectMin().toNanos();
  }

  private void wake() {
    Thread owner = ownerThread;
    if (owner != null) {
      LockSupport.unpark(owner);
    }
  }
}
