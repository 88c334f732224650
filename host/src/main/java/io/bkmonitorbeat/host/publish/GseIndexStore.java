package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.json.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-dataid {@code gseindex} counters (spec 2.9): each event gets previous+1, starting at 1.
 * Persisted write-behind to a JSON file (about once per second, temp file + atomic rename, so a
 * crash leaves either the old or the new file), reloaded at start; consumers use the index to
 * spot gaps, so it should survive restarts. Without a file the counters live in memory only.
 * Not thread-safe; confined to the output's writer thread.
 */
final class GseIndexStore implements EventFields.GseIndexSource {
  private static final Logger log = LoggerFactory.getLogger(GseIndexStore.class);
  private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path file; // null: memory only
  private final Map<Integer, Long> last = new HashMap<>();
  private boolean dirty;
  private long lastFlushNanos = System.nanoTime();

  private GseIndexStore(Path file) {
    this.file = file;
  }

  static GseIndexStore inMemory() {
    return new GseIndexStore(null);
  }

  /** Loads {@code file}; a missing file starts at 0, a corrupt one is reported and restarts. */
  static GseIndexStore load(Path file) {
    GseIndexStore store = new GseIndexStore(file);
    try {
      if (!(Json.parse(Files.readAllBytes(file)) instanceof Map<?, ?> saved)) {
        throw new IOException("not a JSON object");
      }
      for (Map.Entry<?, ?> entry : saved.entrySet()) {
        if (!(entry.getValue() instanceof Integer || entry.getValue() instanceof Long)) {
          throw new IOException("index of data id " + entry.getKey() + " is not an integer");
        }
        store.last.put(Integer.valueOf((String) entry.getKey()), ((Number) entry.getValue()).longValue());
      }
    } catch (NoSuchFileException e) {
      // first start
    } catch (IOException | RuntimeException e) {
      store.last.clear();
      log.warn("gseindex file {} is unreadable, counting restarts at 1", file, e);
    }
    return store;
  }

  @Override
  public long next(int dataId) {
    dirty = true;
    return last.merge(dataId, 1L, Long::sum);
  }

  /** Writes the file if something changed and a second has passed since the last write. */
  void flushIfDue() {
    if (dirty && System.nanoTime() - lastFlushNanos >= FLUSH_EVERY_NANOS) {
      flush();
    }
  }

  /** Writes the file now if something changed; failures are logged (counting goes on). */
  void flush() {
    lastFlushNanos = System.nanoTime();
    if (!dirty || file == null) {
      return;
    }
    Map<String, Long> snapshot = new TreeMap<>();
    last.forEach((id, value) -> snapshot.put(String.valueOf(id), value));
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(temp, Json.bytes(snapshot, true));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      dirty = false;
    } catch (IOException e) {
      log.warn("cannot write gseindex file {}", file, e);
    }
  }
}
