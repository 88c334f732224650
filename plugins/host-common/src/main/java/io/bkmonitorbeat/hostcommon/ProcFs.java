package io.bkmonitorbeat.hostcommon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
      return Files.readAllLines(path(absolute), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Returns the lines of a file; an unreadable file is an error the caller reports. */
  public List<String> requireLines(String absolute) throws IOException {
    return Files.readAllLines(path(absolute), StandardCharsets.UTF_8);
  }

  /** Returns the whole content of a file, or empty when it cannot be read. */
  public Optional<String> text(String absolute) {
    try {
      return Optional.of(Files.readString(path(absolute), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the first line of a file, stripped, or empty when it cannot be read or is empty. */
  public Optional<String> firstLine(String absolute) {
    return text(absolute).map(t -> {
      int nl = t.indexOf('\n');
      return (nl < 0 ? t : t.substring(0, nl)).strip();
    }).filter(s -> !s.isEmpty());
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
