package io.bkmonitorbeat.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake GSE agent for tests: listens on a unix stream socket, decodes the collector's frames
 * with its own decoder (written from spec 2.3–2.6, independent of the host's codec and of its jnr
 * transport: the JDK's {@link UnixDomainSocketAddress} is used), records data frames, answers
 * agent-info requests, and can stall, drop connections and refuse connections.
 *
 * <p>Use as {@code @RegisterExtension final FakeGseAgent agent = new FakeGseAgent();} (started
 * before and closed after each test), or call {@link #start()} and {@link #close()} yourself.
 * The socket lives in a fresh directory under {@code /tmp}: JUnit's {@code @TempDir} paths can
 * exceed the 108-byte {@code sun_path} limit. Thread-safe.
 */
public final class FakeGseAgent implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  /** A dynamic data frame (type 9) as received. */
  public record Frame(int msgType, int dataId, long utcTime, long bodyLen,
      Map<String, Object> payload) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int TYPE_DYNAMIC = 9;
  private static final int TYPE_GET_CONF = 10;
  private static final int META_MAX_LEN = 408;
  private static final String DEFAULT_INFO = "{\"bizid\":1,\"bk_biz_id\":2,\"cloudid\":3,"
      + "\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-1\",\"hostid\":4}";

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger agentInfoRequests = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Object stallLock = new Object();
  private volatile String agentInfoJson = DEFAULT_INFO;
  private volatile boolean stalled;
  private volatile ServerSocketChannel server;
  private Path dir;
  private Path socket;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Creates the socket directory and starts listening. */
  public synchronized void start() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory(Path.of("/tmp"), "gse");
      socket = dir.resolve("agent.sock");
    }
    listen();
  }

  /** Returns the socket path to configure as the output's {@code endpoint}. */
  public Path socketPath() {
    return socket;
  }

  /** Sets the JSON body of agent-info answers (default: bizid 1, ip 127.0.0.1, agent-1…). */
  public FakeGseAgent agentInfo(String json) {
    this.agentInfoJson = json;
    return this;
  }

  /** Returns how many agent-info requests were received. */
  public int agentInfoRequests() {
    return agentInfoRequests.get();
  }

  /** Returns how many connections were accepted. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Returns the protocol violations seen so far (wrong fixed fields, unknown types…). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Returns the next data frame, or null if none arrives within {@code timeout}. */
  public Frame poll(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Returns the next {@code count} data frames, waiting at most {@code timeout} in all.
   *
   * @throws AssertionError if fewer arrive
   */
  public List<Frame> take(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Frame> out = new ArrayList<>(count);
    while (out.size() < count) {
      Frame f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError(String.format(Locale.ROOT,
            "expected %d frames within %s, got %d", count, timeout, out.size()));
      }
      out.add(f);
    }
    return out;
  }

  /** Returns every frame received until nothing arrives for {@code quiet}. */
  public List<Frame> drain(Duration quiet) throws InterruptedException {
    List<Frame> out = new ArrayList<>();
    for (Frame f; (f = poll(quiet)) != null; ) {
      out.add(f);
    }
    return out;
  }

  /** Stops reading from all connections (their socket buffers fill up); new ones too. */
  public void stall() {
    stalled = true;
  }

  /** Resumes reading after {@link #stall()}. */
  public void resume() {
    synchronized (stallLock) {
      stalled = false;
      stallLock.notifyAll();
    }
  }

  /** Closes every open connection (the collector sees EOF); keeps listening. */
  public void closeConnections() {
    for (SocketChannel c : connections) {
      closeQuietly(c);
    }
  }

  /** Stops listening and removes the socket file: connects fail as if the agent were down. */
  public synchronized void refuse() {
    ServerSocketChannel s = server;
    server = null;
    if (s != null) {
      closeQuietly(s);
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Listens (again) at {@link #socketPath()}. */
  public synchronized void listen() throws IOException {
    if (server != null) {
      return;
    }
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    server = s;
    daemon("fake-gse-accept", () -> acceptLoop(s));
  }

  /** Writes raw bytes to every connection in chunks of {@code chunk} bytes, pausing between. */
  public void sendRaw(byte[] bytes, int chunk) throws IOException, InterruptedException {
    for (SocketChannel c : connections) {
      for (int off = 0; off < bytes.length; off += chunk) {
        synchronized (c) {
          writeAll(c, ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
        }
        Thread.sleep(2); // let the collector see a short read
      }
    }
  }

  /** Returns an agent→collector frame: 8-byte header (type, body length) and the body. */
  public static byte[] agentFrame(int type, byte[] body) {
    return ByteBuffer.allocate(8 + body.length).putInt(type).putInt(body.length).put(body).array();
  }

  @Override
  public synchronized void close() {
    refuse();
    closeConnections();
    resume();
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // leftovers in /tmp are harmless
    }
  }

  private void acceptLoop(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel c = s.accept();
        accepted.incrementAndGet();
        connections.add(c);
        daemon("fake-gse-conn", () -> serve(c));
      } catch (IOException e) {
        return; // closed by refuse()
      }
    }
  }

  private void serve(SocketChannel c) {
    try {
      while (true) {
        awaitNotStalled();
        ByteBuffer header = readFully(c, 24);
        int type = header.getInt(0);
        long bodyLen = Integer.toUnsignedLong(header.getInt(12));
        if (header.getInt(16) != 0 || header.getInt(20) != 0) {
          violations.add("reserved header words not zero in type " + type);
        }
        if (bodyLen > 64L * 1024 * 1024) {
          violations.add("absurd bodylen " + bodyLen + " in type " + type);
          return;
        }
        ByteBuffer body = readFully(c, (int) bodyLen);
        if (type == TYPE_GET_CONF) {
          agentInfoRequest(c, header, bodyLen);
        } else if (type == TYPE_DYNAMIC) {
          dynamic(header, body, bodyLen);
        } else {
          violations.add("unexpected message type " + type);
        }
      }
    } catch (EOFException e) {
      // collector closed (a frame cut short by a close is not a protocol violation)
    } catch (IOException e) {
      // closed by closeConnections()
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(c);
      closeQuietly(c);
    }
  }

  private void agentInfoRequest(SocketChannel c, ByteBuffer header, long bodyLen)
      throws IOException {
    agentInfoRequests.incrementAndGet();
    if (header.getInt(4) != 0 || header.getInt(8) != 0 || bodyLen != 0) {
      violations.add("agent-info request with non-zero dataid/utctime/bodylen");
    }
    byte[] answer = agentFrame(TYPE_GET_CONF, agentInfoJson.getBytes(StandardCharsets.UTF_8));
    synchronized (c) {
      writeAll(c, ByteBuffer.wrap(answer));
    }
  }

  private void dynamic(ByteBuffer header, ByteBuffer body, long bodyLen) {
    int dataId = header.getInt(4);
    if (bodyLen < 24 + META_MAX_LEN) {
      violations.add("dynamic frame dataid " + dataId + " too short: bodylen " + bodyLen);
      return;
    }
    if (body.getLong(0) != 0 || body.getInt(8) != 0 || body.getInt(12) != 0
        || body.getInt(16) != META_MAX_LEN || body.getInt(20) != 0) {
      violations.add("dynamic frame dataid " + dataId + ": bad extension header");
    }
    for (int i = 24; i < 24 + META_MAX_LEN; i++) {
      if (body.get(i) != 0) {
        violations.add("dynamic frame dataid " + dataId + ": meta byte " + i + " not zero");
        break;
      }
    }
    int payloadStart = 24 + META_MAX_LEN;
    try {
      Map<String, Object> payload = MAPPER.readValue(body.array(), payloadStart,
          body.limit() - payloadStart, new TypeReference<Map<String, Object>>() {});
      frames.add(new Frame(header.getInt(0), dataId, Integer.toUnsignedLong(header.getInt(8)),
          bodyLen, payload));
    } catch (IOException e) {
      violations.add("dynamic frame dataid " + dataId + ": payload is not JSON: " + e);
    }
  }

  private void awaitNotStalled() throws InterruptedException {
    synchronized (stallLock) {
      while (stalled) {
        stallLock.wait();
      }
    }
  }

  private static ByteBuffer readFully(SocketChannel c, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (c.read(buf) < 0) {
        throw new EOFException();
      }
    }
    return buf.flip();
  }

  private static void writeAll(SocketChannel c, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      c.write(buf);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
