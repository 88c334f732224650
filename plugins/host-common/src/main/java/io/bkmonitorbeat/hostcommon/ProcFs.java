package io.bkmonitorbeat.hostcommon;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads files of {@code /proc}, {@code /sys}, {@code /etc} and {@code /run} below a root
 * directory: {@code /} on a real host, a fixture tree in tests. Missing or unreadable files read
 * as empty, because on Linux a file that is absent on one kernel (or in a container) is normal and
 * every caller has a documented fallback. Immutable and thread-safe.
 */
public final class ProcFs {
  private static final ProcFs SYSTEM = new ProcFs(Path.of("/"));
  private final Path root;

  /** Creates a reader of the files below {@code root}. */
  public ProcFs(Path root) {
    this.root = root;
  }

  /** Returns the reader of the real host's files. */
  public static ProcFs system() {
    return SYSTEM;
  }

  /** Returns the real path of an absolute host path such as {@code /proc/stat}. */
  public Path path(String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  /** Returns the lines of a file, or an empty list when it cannot be read. */
  public List<String> lines(String absolute) {
    try {
      return requireLines(absolute);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Returns the lines of a file; an unreadable file is an error the caller reports. */
  public List<String> requireLines(String absolute) throws IOException {
    Buffer b = read(absolute);
    List<String> out = new ArrayList<>(64);
    int start = 0;
    for (int i = 0; i < b.length(); i++) {
      if (b.bytes()[i] == '\n') {
        out.add(b.string(start, i));
        start = i + 1;
      }
    }
    if (start < b.length()) {
      out.add(b.string(start, b.length()));
    }
    return out;
  }

  /** Returns the whole content of a file, or empty when it cannot be read. */
  public Optional<String> text(String absolute) {
    try {
      Buffer b = read(absolute);
      return Optional.of(b.string(0, b.length()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the first line of a file, stripped, or empty when it cannot be read or is empty. */
  public Optional<String> firstLine(String absolute) {
    try {
      Buffer b = read(absolute);
      int end = 0;
      while (end < b.length() && b.bytes()[end] != '\n') {
        end++;
      }
      String line = b.string(0, end).strip();
      return line.isEmpty() ? Optional.empty() : Optional.of(line);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a whole file into this thread's reusable buffer. procfs and sysfs files report size 0,
   * so the JDK's readAllLines/readString would allocate a reader, a decoder and growing arrays
   * for every one of the dozens of small files a collection reads. The thread-local value is a
   * plain byte[] (a JDK class): host pool threads outlive a plugin, and a value of a plugin class
   * would keep the plugin's class loader reachable after the jar is unloaded.
   */
  private Buffer read(String absolute) throws IOException {
    byte[] bytes = BUFFER.get();
    int length = 0;
    try (FileInputStream in = new FileInputStream(path(absolute).toString())) {
      while (true) {
        if (length == bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        int n = in.read(bytes, length, bytes.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    }
    if (bytes.length <= MAX_KEPT) {
      BUFFER.set(bytes); // keep a grown buffer, but not a huge one after one big file
    }
    return new Buffer(bytes, length);
  }

  private static final int MAX_KEPT = 1 << 20;
  private static final ThreadLocal<byte[]> BUFFER = new ThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[65536];
    }
  };

  /** A filled part of a byte array; strings are decoded as UTF-8 only when non-ASCII. */
  private record Buffer(byte[] bytes, int length) {
    String string(int from, int to) {
      for (int i = from; i < to; i++) {
        if (bytes[i] < 0) {
          return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
      }
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  /** Returns the bytes of a file, or an empty array when it cannot be read. */
  public byte[] bytes(String absolute) {
    try {
      return Files.readAllBytes(path(absolute));
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }

  /**
   * Reads the start of a file into {@code buffer} (one read, for small procfs files such as
   * {@code /proc/<pid>/stat}, without allocating); returns the bytes read, or -1.
   */
  public int readInto(String absolute, byte[] buffer) {
    try (java.io.FileInputStream in = new java.io.FileInputStream(path(absolute).toString())) {
      return in.read(buffer, 0, buffer.length);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Whether the file or directory exists. */
  public boolean exists(String absolute) {
    return Files.exists(path(absolute));
  }

  /** Returns the entry names of a directory, or an empty list when it cannot be listed. */
  public List<String> list(String absolute) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path(absolute))) {
      for (Path p : dir) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return names;
  }

  /** Returns the file name the symbolic link (or path) finally points to, or empty. */
  public Optional<Path> realPath(String absolute) {
    try {
      return Optional.of(path(absolute).toRealPath());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
