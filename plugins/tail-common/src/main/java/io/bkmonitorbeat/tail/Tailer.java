package io.bkmonitorbeat.tail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the files of a set of globs and hands every line to a {@link LineListener}, on one
 * thread of its own.
 *
 * <p>Each round re-expands the globs when the scan interval has passed, reads every open file up
 * to a per-file budget, and calls {@link LineListener#afterRound}; a round that read nothing is
 * followed by a sleep of the poll interval (woken early by {@link #close()}), so an idle tailer
 * costs almost nothing and a busy one never spins.
 *
 * <p>Offsets are kept in a {@link Registry} that is written only by {@link #commit()}, which the
 * consumer calls once what it has read is safely handed on (for example after a flush): a
 * restart then resumes exactly after the last committed line, so nothing is lost and nothing
 * handed on twice. Where a file without a stored offset starts: on the very first run (no
 * registry yet) at {@link TailSettings#firstRunStart()}; later at 0, except that with {@code END}
 * a file that has not changed for a minute (or since the last commit before a restart) starts at
 * its end, as the original does for old files.
 *
 * <p>Thread-safety: {@link #start()}, {@link #close()}, {@link #commit()} and {@link #counters()}
 * from any thread; a commit from another thread waits for the current round to end, so it always
 * sees offsets at line boundaries of lines the listener has fully handled.
 */
public final class Tailer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Tailer.class);
  private static final long FORGET_AFTER_MILLIS = TimeUnit.HOURS.toMillis(24);
  private static final long OLD_FILE_MILLIS = TimeUnit.MINUTES.toMillis(1);
  private static final int MAX_STATES = 10_000;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final String name;
  private final TailSettings settings;
  private final LineListener listener;
  private final ThreadFactory threads;
  private final FileDiscovery discovery;
  private final Registry registry;
  private final TailCounters counters = new TailCounters();
  private final Map<FileKey, Harvester> harvesters = new LinkedHashMap<>();
  /** One read buffer for all files: rounds read them one after the other. */
  private final java.nio.ByteBuffer readBuffer = java.nio.ByteBuffer.allocate(BUFFER_BYTES);
  private final Object wake = new Object();
  /** Held by a round and by commit(): a commit from another thread waits for the round's end. */
  private final Object roundLock = new Object();
  private volatile boolean closed;
  private Thread thread;
  private boolean opened;
  private boolean firstScan = true;
  private long nextScanNanos;

  private record FileKey(long device, long inode) {}

  /**
   * Creates a tailer; nothing is read before {@link #start()}.
   *
   * @param name a label for the log, e.g. the task's label
   * @throws IllegalArgumentException if a glob is malformed or relative
   */
  public Tailer(String name, TailSettings settings, LineListener listener, ThreadFactory threads) {
    this.name = name;
    this.settings = settings;
    this.listener = listener;
    this.threads = threads;
    this.discovery = new FileDiscovery(settings.globs(), settings.excludes());
    this.registry = new Registry(settings.registryFile(), MAX_STATES);
  }

  /**
   * Loads the registry and starts the tailer's thread.
   *
   * @throws IOException if the registry exists but cannot be read
   */
  public synchronized void start() throws IOException {
    open();
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** Loads the registry (done by {@link #start()}; tests drive {@link #round} themselves). */
  void open() throws IOException {
    if (!opened) {
      registry.load();
      counters.registryMalformed.add(registry.malformed());
      opened = true;
    }
  }

  private void run() {
    while (!closed) {
      long read;
      try {
        read = round(System.nanoTime());
      } catch (RuntimeException e) {
        log.warn("{}: tail round failed", name, e);
        read = 0;
      }
      if (read == 0) {
        synchronized (wake) {
          if (!closed) {
            try {
              wake.wait(Math.max(1, settings.pollInterval().toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    }
  }

  /** One round: scan if due, read every open file up to its budget, then the listener's hook. */
  long round(long nowNanos) {
    synchronized (roundLock) {
      return roundLocked(nowNanos);
    }
  }

  private long roundLocked(long nowNanos) {
    if (firstScan || nowNanos - nextScanNanos >= 0) {
      scan(nowNanos);
      nextScanNanos = nowNanos + settings.scanInterval().toNanos();
    }
    long total = 0;
    for (Iterator<Map.Entry<FileKey, Harvester>> it = harvesters.entrySet().iterator(); it.hasNext() && !closed; ) {
      Harvester h = it.next().getValue();
      try {
        long n = h.read(settings.maxBytesPerRound(), listener, counters, nowNanos);
        if (n == Harvester.REPLACED) {
          replaced(h);
          n = h.read(settings.maxBytesPerRound(), listener, counters, nowNanos);
        }
        total += Math.max(0, n);
        if (finished(h, nowNanos)) {
          h.state.attached = false;
          h.close();
          it.remove();
        }
      } catch (IOException | RuntimeException e) {
        counters.readErrors.increment();
        log.warn("{}: reading {} failed, will retry after the next scan: {}", name, h.state.path, e.toString());
        h.state.attached = false;
        closeQuietly(h);
        it.remove();
      }
    }
    listener.afterRound(nowNanos);
    return total;
  }

  /** A gone file read to its end and quiet for a scan interval, or any file inactive too long. */
  private boolean finished(Harvester h, long nowNanos) throws IOException {
    long quiet = nowNanos - h.lastGrowthNanos;
    if (h.gone && quiet >= settings.scanInterval().toNanos()) {
      return h.atEnd();
    }
    return quiet >= settings.closeInactive().toNanos() && h.atEnd();
  }

  /**
   * The open file shrank or its first bytes changed (copytruncate, or rewritten in place). The
   * old content's state is kept, detached from the inode, so that a copy of it (the rotated file,
   * if the globs match it) resumes where we were; this file starts again at 0.
   */
  private void replaced(Harvester h) throws IOException {
    counters.filesReplaced.increment();
    FileState state = h.state;
    if (state.fingerprint.length() == settings.fingerprintBytes()) {
      registry.states().add(new FileState(state.path, state.device, FileState.NO_INODE, state.offset,
          state.fingerprint, System.currentTimeMillis()));
    }
    log.info("{}: {} was truncated or replaced, reading it again from the start", name, state.path);
    h.restart();
  }

  private void scan(long nowNanos) {
    long now = System.currentTimeMillis();
    Set<Path> found = discovery.find();
    Map<FileKey, Boolean> seen = new LinkedHashMap<>();
    for (Path path : found) {
      Map<String, Object> attrs;
      try {
        attrs = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime");
      } catch (IOException | UnsupportedOperationException e) {
        continue;
      }
      FileKey key = new FileKey(((Number) attrs.get("dev")).longValue(), ((Number) attrs.get("ino")).longValue());
      seen.put(key, Boolean.TRUE);
      Harvester open = harvesters.get(key);
      if (open != null) {
        open.state.path = path; // renamed within the globs: same file, same offset
        open.state.lastSeenMillis = now;
        open.gone = false;
        continue;
      }
      long size = ((Number) attrs.get("size")).longValue();
      long mtime = ((FileTime) attrs.get("lastModifiedTime")).toMillis();
      openIfNeeded(path, key, size, mtime, now, nowNanos);
    }
    for (Map.Entry<FileKey, Harvester> entry : harvesters.entrySet()) {
      if (!seen.containsKey(entry.getKey())) {
        entry.getValue().gone = true;
      }
    }
    firstScan = false;
    registry.prune(now - FORGET_AFTER_MILLIS);
  }

  private void openIfNeeded(Path path, FileKey key, long size, long mtime, long now, long nowNanos) {
    boolean active = now - mtime < settings.closeInactive().toMillis();
    if (!active) {
      for (FileState s : registry.states()) {
        if (!s.attached && s.sameFile(key.device, key.inode) && s.offset == size) {
          s.lastSeenMillis = now; // known, read to the end and quiet: not even opened
          s.path = path;
          return;
        }
      }
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      byte[] prefix = Fingerprint.readPrefix(channel, settings.fingerprintBytes());
      FileState state = identify(path, key, prefix, size, mtime, now);
      if (state.offset >= size && !active) {
        channel.close(); // known and quiet: look again at the next scan
        return;
      }
      state.attached = true;
      harvesters.put(key, new Harvester(state, channel, readBuffer, settings.maxLineBytes(),
          settings.fingerprintBytes(), nowNanos));
      counters.filesOpened.increment();
      log.debug("{}: following {} from offset {}", name, path, state.offset);
    } catch (IOException e) {
      counters.readErrors.increment();
      log.debug("{}: cannot open {}: {}", name, path, e.toString());
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing more to do with a channel we could not use
        }
      }
    }
  }

  /** Finds the stored state of a file that is not open, or creates one. */
  private FileState identify(Path path, FileKey key, byte[] prefix, long size, long mtime, long now) {
    List<FileState> states = registry.states();
    for (FileState s : states) {
      if (!s.attached && s.sameFile(key.device, key.inode)) {
        if (s.fingerprint.matches(prefix)) {
          return resume(s, path, key, prefix, size, now);
        }
        s.inode = FileState.NO_INODE; // the inode was reused by another file
      }
    }
    if (prefix.length == settings.fingerprintBytes()) {
      Fingerprint full = Fingerprint.of(prefix, prefix.length);
      for (FileState s : states) {
        if (!s.attached && s.fingerprint.equals(full)) {
          return resume(s, path, key, prefix, size, now); // moved or copied while we were not looking
        }
      }
      for (FileState s : new ArrayList<>(states)) {
        if (s.attached && s.fingerprint.equals(full)) {
          // A copy of a file we are following (copytruncate's copy): go on from where we are.
          return add(path, key, Math.min(s.offset, size), full, now);
        }
      }
    }
    return add(path, key, startOffset(size, mtime, now), Fingerprint.of(prefix, prefix.length), now);
  }

  private FileState resume(FileState s, Path path, FileKey key, byte[] prefix, long size, long now) {
    counters.filesResumed.increment();
    s.path = path;
    s.device = key.device;
    s.inode = key.inode;
    s.lastSeenMillis = now;
    if (s.offset > size) {
      s.offset = 0; // truncated while nobody was watching
    }
    s.fingerprint = Fingerprint.of(prefix, prefix.length);
    return s;
  }

  private FileState add(Path path, FileKey key, long offset, Fingerprint fingerprint, long now) {
    FileState s = new FileState(path, key.device, key.inode, offset, fingerprint, now);
    registry.states().add(s);
    return s;
  }

  private long startOffset(long size, long mtime, long now) {
    if (settings.firstRunStart() == TailSettings.StartPosition.BEGINNING) {
      return 0;
    }
    if (firstScan) {
      if (!registry.existed()) {
        return size;
      }
      return mtime >= registry.savedMillis() ? 0 : size; // appeared while we were down
    }
    return now - mtime > OLD_FILE_MILLIS ? size : 0;
  }

  /**
   * Persists the offsets of every line delivered so far. Call it once those lines are handed on
   * (from the listener's callbacks, another thread, or after {@link #close()}). A failure is logged and counted;
   * the next commit tries again.
   */
  public void commit() {
    synchronized (roundLock) {
      try {
        registry.save();
      } catch (IOException e) {
        counters.registryErrors.increment();
        log.warn("{}: cannot write the offsets to {}: {}", name, settings.registryFile(), e.toString());
      }
    }
  }

  /** Returns the tailer's counters. */
  public TailCounters counters() {
    return counters;
  }

  /** Returns how many files are open now. */
  int openFiles() {
    return harvesters.size();
  }

  /**
   * Stops the thread (waiting up to a second) and closes the files. Offsets are not committed:
   * the consumer flushes what it holds and then calls {@link #commit()}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (roundLock) {
      for (Harvester h : harvesters.values()) {
        closeQuietly(h);
        h.state.attached = false; // the state stays in the registry, for commit()
      }
      harvesters.clear();
    }
  }

  private static void closeQuietly(Harvester h) {
    try {
      h.close();
    } catch (IOException ignored) {
      // closing a read-only channel cannot lose data
    }
  }
}
