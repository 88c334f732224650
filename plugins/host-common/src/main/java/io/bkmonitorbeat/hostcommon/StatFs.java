package io.bkmonitorbeat.hostcommon;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;

/**
 * Calls {@code statfs(2)} through JNA (the host's lib/, parent-first: a native library binds to
 * one class loader only). The JDK's FileStore has no inode counts and no file system magic.
 * Thread-safe.
 */
public final class StatFs {

  private StatFs() {}

  /** The slice of libc this class calls. */
  interface LibC extends Library {
    int statfs(String path, long[] buf);
  }

  /**
   * Returns the statfs of {@code path}, or empty when the call fails (a stale NFS mount, a mount
   * point that disappeared, no permission).
   *
   * <p>{@code struct statfs} on 64-bit Linux (x86_64, aarch64) is 15 8-byte words: f_type,
   * f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_fsid (2 ints), f_namelen, f_frsize,
   * f_flags, f_spare[4]; a long[] of 16 covers it.
   */
  public static Optional<FsStat> stat(String path) {
    long[] buf = new long[16];
    try {
      if (lib().statfs(path, buf) != 0) {
        return Optional.empty();
      }
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
    return Optional.of(new FsStat(buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6]));
  }

  private static LibC lib() {
    return Libc.INSTANCE;
  }

  /** Binds libc at first use; a failure shows as a {@link LinkageError} at every call. */
  private static final class Libc {
    static final LibC INSTANCE = Native.load("c", LibC.class);
  }
}
