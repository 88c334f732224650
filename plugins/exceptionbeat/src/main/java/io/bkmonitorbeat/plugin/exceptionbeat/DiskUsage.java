package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The space of one mounted file system, as {@code statvfs} reports it (gopsutil's {@code
 * disk.Usage}, spec 2.8): {@code total} = blocks × frsize, {@code free} = bavail × frsize (what an
 * unprivileged user may still write), {@code used} = (blocks − bfree) × frsize.
 *
 * @param total bytes
 * @param free bytes available to unprivileged users
 * @param used bytes
 */
record DiskUsage(long total, long free, long used) {

  /** used / (used + free) × 100; 0 when both are 0. */
  double usedPercent() {
    long base = used + free;
    return base == 0 ? 0 : used * 100.0 / base;
  }

  /** Reads the usage of the file system mounted at a path. */
  @FunctionalInterface
  interface Reader {
    DiskUsage read(String mountPoint) throws IOException;
  }

  /** {@code statvfs} through the JDK's {@link FileStore}. */
  static DiskUsage ofFileStore(String mountPoint) throws IOException {
    FileStore store = Files.getFileStore(Path.of(mountPoint));
    long total = store.getTotalSpace();
    long free = store.getUsableSpace();
    long unallocated = store.getUnallocatedSpace();
    return new DiskUsage(total, free, Math.max(0, total - unallocated));
  }
}
