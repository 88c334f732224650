package io.bkmonitorbeat.proc;

import java.io.File;
import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * Lists the process directories of a procfs root with an identity per process instance: the
 * directory's inode number, which procfs allocates afresh for every new process (so a reused pid
 * has another), read with libc's {@code readdir} through jnr-ffi (the kernel computes it for the
 * listing anyway, so it costs no extra system call). Where jnr-ffi cannot be used, or for a root
 * that is not procfs (tests), the identity is the directory's modification time, one {@code
 * stat} per pid. An identity of 0 means unknown. Not thread-safe.
 */
final class ProcListing {
  /** glibc {@code struct dirent} on 64-bit Linux: d_ino at 0, d_name at 19. */
  private static final int D_NAME = 19;

  private final String root;
  private final boolean nativeListing;
  private int[] pids = new int[0];
  private long[] identities = new long[0];

  /** The libc functions used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    Pointer opendir(String name);

    Pointer readdir(Pointer dir);

    int closedir(Pointer dir);
  }

  private static final class Holder {
    static final LibC LIBC = load();

    private static LibC load() {
      try {
        return LibraryLoader.create(LibC.class).load("c");
      } catch (LinkageError | RuntimeException e) {
        return null;
      }
    }
  }

  ProcListing(String root, boolean nativeListing) {
    this.root = root;
    this.nativeListing = nativeListing;
  }

  /** Lists the root; then {@link #pids()} and {@link #identities()} hold the result, by pid. */
  void list() {
    LibC libc = null;
    if (nativeListing) {
      try {
        libc = Holder.LIBC;
      } catch (LinkageError e) {
        libc = null;
      }
    }
    if (libc == null || !listNative(libc)) {
      listFiles();
    }
  }

  int[] pids() {
    return pids;
  }

  long[] identities() {
    return identities;
  }

  private boolean listNative(LibC libc) {
    Pointer dir = libc.opendir(root);
    if (dir == null) {
      return false;
    }
    int count = 0;
    int[] foundPids = new int[Math.max(256, pids.length + 64)];
    long[] foundIds = new long[foundPids.length];
    try {
      for (Pointer entry = libc.readdir(dir); entry != null; entry = libc.readdir(dir)) {
        byte first = entry.getByte(D_NAME);
        if (first < '0' || first > '9') {
          continue;
        }
        int pid = parsePid(entry);
        if (pid <= 0) {
          continue;
        }
        if (count == foundPids.length) {
          foundPids = Arrays.copyOf(foundPids, count * 2);
          foundIds = Arrays.copyOf(foundIds, count * 2);
        }
        foundPids[count] = pid;
        foundIds[count] = entry.getLong(0);
        count++;
      }
    } finally {
      libc.closedir(dir);
    }
    sortAndKeep(foundPids, foundIds, count);
    return true;
  }

  private static int parsePid(Pointer entry) {
    int value = 0;
    for (int i = D_NAME; i < D_NAME + 10; i++) {
      byte b = entry.getByte(i);
      if (b == 0) {
        return value;
      }
      if (b < '0' || b > '9') {
        return -1;
      }
      value = value * 10 + (b - '0');
    }
    return -1;
  }

  private void listFiles() {
    String[] names = new File(root).list();
    if (names == null) {
      pids = new int[0];
      identities = new long[0];
      return;
    }
    int[] foundPids = new int[names.length];
    long[] foundIds = new long[names.length];
    int count = 0;
    for (String name : names) {
      int pid = parsePid(name);
      if (pid > 0) {
        foundPids[count] = pid;
        foundIds[count] = new File(root + "/" + name).lastModified();
        count++;
      }
    }
    sortAndKeep(foundPids, foundIds, count);
  }

  static int parsePid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  // procfs lists pids ascending already; sorting keeps the contract for any root.
  private void sortAndKeep(int[] foundPids, long[] foundIds, int count) {
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      packed[i] = ((long) foundPids[i] << 32) | i;
    }
    Arrays.sort(packed);
    pids = new int[count];
    identities = new long[count];
    for (int i = 0; i < count; i++) {
      int index = (int) packed[i];
      pids[i] = (int) (packed[i] >>> 32);
      identities[i] = foundIds[index];
    }
  }
}
