package io.bkmonitorbeat.proc;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the small files of a procfs tree ({@code /proc}, or {@code $HOST_PROC} when a container
 * mounts the host's). Paths are plain strings and files are read into one reused buffer, because
 * a run reads a few thousand of them and object churn is most of the cost. A file that cannot be
 * read (the process has gone, no permission) reads as absent, never as an exception to the caller.
 *
 * <p>Not thread-safe (the shared buffer): each collector owns one.
 */
public final class ProcFs {
  private final String root;
  private final ProcListing listing;
  private byte[] buffer = new byte[16 * 1024];

  /**
   * A reader of the tree at {@code root} (a test tree: process identities are directory
   * modification times).
   */
  public ProcFs(Path root) {
    this(root, false);
  }

  private ProcFs(Path root, boolean procfs) {
    this.root = root.toString();
    this.listing = new ProcListing(this.root, procfs);
  }

  /** The host's procfs: {@code $HOST_PROC} when set (as in gopsutil), else {@code /proc}. */
  public static ProcFs system() {
    String env = System.getenv("HOST_PROC");
    return new ProcFs(Path.of(env == null || env.isBlank() ? "/proc" : env), true);
  }

  /** Returns the root directory. */
  public String root() {
    return root;
  }

  /** Returns {@code <root>/<pid>/<name>}. */
  public String pidFile(int pid, String name) {
    return root + "/" + pid + "/" + name;
  }

  /** Returns the numeric entries of the root (the pids), ascending. */
  public int[] pids() {
    listing.list();
    return listing.pids();
  }

  /**
   * Lists the pids and returns, parallel to {@link #listedPids()}, an identity of each process
   * instance (procfs: the pid directory's inode number; else its modification time; 0 unknown).
   */
  public long[] listProcesses() {
    listing.list();
    return listing.identities();
  }

  /** Returns the pids of the last {@link #listProcesses()} or {@link #pids()}, ascending. */
  public int[] listedPids() {
    return listing.pids();
  }

  /**
   * Reads {@code file} into the shared buffer (valid until the next read).
   *
   * @return the number of bytes read, or -1 when the file cannot be read
   */
  public int read(String file) {
    try (FileInputStream in = new FileInputStream(file)) {
      int length = 0;
      while (true) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return length;
        }
        length += n;
      }
    } catch (IOException e) {
      return -1;
    }
  }

  /** Returns the buffer of the last {@link #read}. */
  public byte[] buffer() {
    return buffer;
  }

  /** Reads {@code file} as UTF-8 text, or returns null when it cannot be read. */
  public String readString(String file) {
    int length = read(file);
    return length < 0 ? null : new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  /** Returns the target of the link {@code file}, or "" when it cannot be read. */
  public String readLink(String file) {
    try {
      return Files.readSymbolicLink(Path.of(file)).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /** Returns the names in directory {@code dir}, or null when it cannot be listed. */
  public String[] list(String dir) {
    return new File(dir).list();
  }
}
