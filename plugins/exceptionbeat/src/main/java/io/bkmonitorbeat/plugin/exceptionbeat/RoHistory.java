package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mounts seen writable ({@code <device>-<fstype>-<mountpoint>} keys, spec 4.3), kept in a
 * text file of the task's state directory so that a mount that turns read-only while the agent is
 * down still alarms after the restart. The original kept a JSON record per key whose content it
 * never read; only the key's presence matters. Not thread-safe; confined to the scheduler thread.
 */
final class RoHistory {
  private static final Logger log = LoggerFactory.getLogger(RoHistory.class);

  private final Path file; // null: memory only
  private final Set<String> keys = new LinkedHashSet<>();
  private boolean dirty;

  /** Loads the history from {@code file} (may be null for memory only; missing means empty). */
  RoHistory(Path file) {
    this.file = file;
    if (file != null && Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isEmpty()) {
            keys.add(line);
          }
        }
      } catch (IOException e) {
        log.warn("cannot read the read-only history {}; starting empty: {}", file, e.toString());
      }
    }
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  void add(String key) {
    if (key.indexOf('\n') < 0 && keys.add(key)) {
      dirty = true;
    }
  }

  /** Forgets every key not in {@code present} (mounts that are gone, gap 5). */
  void retainAll(Collection<String> present) {
    if (keys.retainAll(present)) {
      dirty = true;
    }
  }

  /** Writes the file if the keys changed (temporary file, then an atomic rename). */
  void save() {
    if (!dirty || file == null) {
      return;
    }
    try {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temp, String.join("\n", keys).concat("\n").getBytes(StandardCharsets.UTF_8));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    } catch (IOException e) {
      log.warn("cannot write the read-only history {}: {}", file, e.toString());
    }
  }

  Set<String> keys() {
    return Set.copyOf(keys);
  }
}
