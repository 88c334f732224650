package io.bkmonitorbeat.host.publish.bench;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.host.config.HostIdInfo;
import io.bkmonitorbeat.host.publish.OutboundEvent;
import io.bkmonitorbeat.host.publish.Output;
import io.bkmonitorbeat.host.publish.Outputs;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publisher throughput: ~500-byte events through {@code GseOutput} over a real unix socket to a
 * peer that answers agent-info requests and otherwise drains and counts frames.
 *
 * <p>Usage: {@code PublisherBenchmark [events] [producers]} (defaults 2,000,000 and 1). Each
 * producer publishes with {@code drop_newest} and retries refused events after a yield, so every
 * event is delivered and the figure is end-to-end (frames counted by the peer / wall time).
 */
public final class PublisherBenchmark {
  private static final byte[] AGENT_INFO = "{\"bizid\":1,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"bench\"}"
      .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gsebench");
    Path socket = dir.resolve("agent.sock");
    AtomicLong frames = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread peer = new Thread(() -> drain(server, frames, bytes), "bench-peer");
    peer.setDaemon(true);
    peer.start();

    Map<String, Object> gse = Map.of("endpoint", socket.toString(), "queue_size", 65536,
        "overflow", "drop_newest");
    Output out = Outputs.create(Settings.of("bench", "output", Map.of("gse", gse)),
        () -> HostIdInfo.EMPTY, dir);
    out.start();
    // Warm up and wait for the agent info (data waits for it).
    run(out, 200_000, 1, frames);

    frames.set(0);
    bytes.set(0);
    long t0 = System.nanoTime();
    run(out, events, producers, frames);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "events=%d producers=%d seconds=%.3f events/s=%.0f MB/s(wire)=%.1f avg_frame=%d B%n",
        events, producers, seconds, events / seconds, bytes.get() / seconds / 1e6,
        bytes.get() / Math.max(1, frames.get()));
    System.out.println("counters " + out.counters());
    out.close(Duration.ofSeconds(2));
    server.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir.resolve("gseindex.json"));
    Files.deleteIfExists(dir);
  }

  private static void run(Output out, long events, int producers, AtomicLong frames)
      throws InterruptedException {
    long start = frames.get();
    Thread[] threads = new Thread[producers];
    for (int p = 0; p < producers; p++) {
      long share = events / producers + (p < events % producers ? 1 : 0);
      threads[p] = new Thread(() -> produce(out, share), "bench-producer-" + p);
      threads[p].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    while (frames.get() - start < events) {
      Thread.sleep(1); // not a spin: the benchmark must not steal a core from the writer
    }
  }

  private static void produce(Output out, long count) {
    String message = "x".repeat(250);
    for (long i = 0; i < count; i++) {
      Map<String, Object> f = new HashMap<>(16);
      f.put("dataid", 1500001);
      f.put("type", "script");
      f.put("bk_biz_id", 2);
      f.put("timestamp", 1_700_000_000_000L + i);
      f.put("node_id", "0:127.0.0.1");
      f.put("dimensions", Map.of("task_id", "42", "target", "127.0.0.1"));
      f.put("metrics", Map.of("value", i * 0.5));
      f.put("message", message);
      OutboundEvent e = new OutboundEvent(1500001, f);
      while (!out.publish(e)) {
        LockSupport.parkNanos(100_000); // queue full: let the writer catch up
      }
    }
  }

  /** A minimal agent: answers type-10 requests, counts type-9 frames. */
  private static void drain(ServerSocketChannel server, AtomicLong frames, AtomicLong bytes) {
    try (SocketChannel c = server.accept()) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      while (c.read(buf) >= 0) {
        buf.flip();
        while (buf.remaining() >= 24) {
          int type = buf.getInt(buf.position());
          int len = 24 + buf.getInt(buf.position() + 12);
          if (buf.remaining() < len) {
            break;
          }
          buf.position(buf.position() + len);
          if (type == 10) {
            c.write(ByteBuffer.allocate(8 + AGENT_INFO.length).putInt(10)
                .putInt(AGENT_INFO.length).put(AGENT_INFO).flip());
          } else {
            bytes.addAndGet(len);
            frames.incrementAndGet();
          }
        }
        buf.compact();
      }
    } catch (IOException e) {
      // closed at the end
    }
  }

  private PublisherBenchmark() {}
}
