package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.hostcommon.MountParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code /proc/mounts} ({@code device mountpoint fstype options dump pass}, with host-common's
 * {@link MountParser}) and {@code /proc/filesystems}. Pure; thread-safe.
 *
 * <p>Why {@code /proc/mounts} and not {@code mountinfo}'s per-mount options (what the original
 * reads): the kernel prints {@code ro} there when either the mount or its super block is
 * read-only, and the case that matters most — ext4's {@code errors=remount-ro} after an I/O error
 * — makes only the super block read-only.
 */
final class MountTable {
  private MountTable() {}

  /** The mounts of {@code text}, in order; lines with fewer than four fields are counted. */
  record Parsed(List<Mount> mounts, int malformed) {}

  static Parsed parse(String text) {
    int[] malformed = {0};
    List<Mount> mounts = new ArrayList<>();
    for (io.bkmonitorbeat.hostcommon.Mount mount : MountParser.parseMounts(
        text.lines().toList(), "/proc/mounts", (source, line) -> malformed[0]++)) {
      mounts.add(new Mount(mount.device(), mount.mountPoint(), mount.fsType(), mount.options()));
    }
    return new Parsed(List.copyOf(mounts), malformed[0]);
  }

  /** The {@code nodev} file system types of a {@code /proc/filesystems} text. */
  static Set<String> nodevTypes(String text) {
    Set<String> types = new HashSet<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && fields[0].equals("nodev")) {
        types.add(fields[1]);
      }
    }
    return types;
  }

  /**
   * Keeps the mounts of real file systems, as the original's {@code disk.Partitions(false)}: not
   * device {@code none}, not a {@code nodev} type (zfs is kept although it is one).
   */
  static List<Mount> physical(List<Mount> mounts, Set<String> nodevTypes) {
    List<Mount> kept = new ArrayList<>();
    for (Mount mount : mounts) {
      if (mount.device().equals("none")) {
        continue;
      }
      if (nodevTypes.contains(mount.fsType()) && !mount.fsType().equals("zfs")) {
        continue;
      }
      kept.add(mount);
    }
    return kept;
  }
}
