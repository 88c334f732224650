package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * uid to user name from a passwd file ({@code /etc/passwd}), re-read at most every 10 minutes as
 * the original's cache did; an unknown uid is reported as its number. Not thread-safe.
 */
public final class UserNames {
  private static final long TTL_NANOS = 10L * 60 * 1_000_000_000L;

  private final Path passwd;
  private final LongSupplier nanoTime;
  private Map<Integer, String> names = Map.of();
  private long loadedAt;
  private boolean loaded;

  /** Names from {@code passwd}, aged by {@code nanoTime}. */
  public UserNames(Path passwd, LongSupplier nanoTime) {
    this.passwd = passwd;
    this.nanoTime = nanoTime;
  }

  /** Names from {@code /etc/passwd}. */
  public static UserNames system() {
    return new UserNames(Path.of("/etc/passwd"), System::nanoTime);
  }

  /** Returns the name of {@code uid}, or the uid as text. */
  public String name(int uid) {
    long now = nanoTime.getAsLong();
    if (!loaded || now - loadedAt > TTL_NANOS) {
      names = load(passwd);
      loadedAt = now;
      loaded = true;
    }
    String name = names.get(uid);
    return name != null ? name : Integer.toString(uid);
  }

  static Map<Integer, String> load(Path passwd) {
    List<String> lines;
    try {
      lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Map.of();
    }
    Map<Integer, String> names = new HashMap<>();
    for (String line : lines) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 3 && !line.startsWith("#")) {
        try {
          names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
        } catch (NumberFormatException e) {
          // a malformed line names no one
        }
      }
    }
    return names;
  }
}
