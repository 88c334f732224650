package io.bkmonitorbeat.tail;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The persisted file states of one tailer: a small text file, one state per line ({@code offset,
 * device, inode, fingerprint length, fingerprint, last seen (ms), path}, tab-separated, the path
 * escaped). Written to a temporary file that is synced and then renamed over the old one, so a
 * crash leaves either the old or the new registry, never half of one. Malformed lines are counted
 * and skipped. Not thread-safe; confined to the tailer's thread.
 */
final class Registry {
  private static final String HEADER = "# bkmonitorbeat tail registry v1";
  private static final Pattern TAB = Pattern.compile("\t");

  private final Path file;
  private final int maxStates;
  private final List<FileState> states = new ArrayList<>();
  private boolean existed;
  private long savedMillis;
  private long malformed;

  Registry(Path file, int maxStates) {
    this.file = file;
    this.maxStates = maxStates;
  }

  /** Reads the registry file; a missing file gives an empty registry. */
  void load() throws IOException {
    states.clear();
    List<String> lines;
    try {
      // Decoded leniently: a damaged file yields malformed lines (counted), never a failed start.
      lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      existed = true;
      savedMillis = Files.getLastModifiedTime(file).toMillis();
    } catch (NoSuchFileException e) {
      existed = false;
      return;
    }
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = TAB.split(line, -1);
      try {
        if (f.length != 7 || f[4].length() != 64) {
          throw new IllegalArgumentException("7 fields expected");
        }
        states.add(new FileState(Path.of(unescape(f[6])), Long.parseLong(f[1]), Long.parseLong(f[2]),
            Long.parseLong(f[0]), new Fingerprint(Integer.parseInt(f[3]), f[4]), Long.parseLong(f[5])));
      } catch (RuntimeException e) {
        malformed++;
      }
    }
  }

  /** Returns whether a registry file existed when it was loaded (i.e. this is not a first run). */
  boolean existed() {
    return existed;
  }

  /** Returns when the loaded registry was last written (ms), or 0. */
  long savedMillis() {
    return savedMillis;
  }

  /** Returns how many malformed lines the loaded file had. */
  long malformed() {
    return malformed;
  }

  /** Returns the live list of states. */
  List<FileState> states() {
    return states;
  }

  /** Drops detached states not seen since {@code olderThanMillis}, then the oldest beyond the cap. */
  void prune(long olderThanMillis) {
    states.removeIf(s -> !s.attached && s.lastSeenMillis < olderThanMillis);
    if (states.size() > maxStates) {
      List<FileState> detached = new ArrayList<>(states.stream().filter(s -> !s.attached).toList());
      detached.sort(Comparator.comparingLong(s -> s.lastSeenMillis));
      int excess = states.size() - maxStates;
      for (int i = 0; i < excess && i < detached.size(); i++) {
        states.remove(detached.get(i));
      }
    }
  }

  /** Writes every state atomically. */
  void save() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Writer out = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (FileState s : states) {
        out.write(s.offset + "\t" + s.device + "\t" + s.inode + "\t" + s.fingerprint.length() + "\t"
            + s.fingerprint.hash() + "\t" + s.lastSeenMillis + "\t" + escape(s.path.toString()) + "\n");
      }
      out.flush();
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    existed = true;
  }

  static String escape(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String unescape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= text.length()) {
        throw new IllegalArgumentException("dangling escape");
      }
      switch (text.charAt(i)) {
        case '\\' -> sb.append('\\');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        default -> throw new IllegalArgumentException("bad escape");
      }
    }
    return sb.toString();
  }
}
