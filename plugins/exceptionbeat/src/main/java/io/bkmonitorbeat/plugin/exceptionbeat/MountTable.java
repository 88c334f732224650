package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code /proc/mounts} ({@code device mountpoint fstype options dump pass}) and {@code
 * /proc/filesystems}. Pure; thread-safe.
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
    List<Mount> mounts = new ArrayList<>();
    int malformed = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split("[ \t]+");
      if (fields.length < 4) {
        malformed++;
        continue;
      }
      mounts.add(new Mount(unescape(fields[0]), unescape(fields[1]), fields[2],
          Arrays.asList(fields[3].split(","))));
    }
    return new Parsed(List.copyOf(mounts), malformed);
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

  /** Decodes the kernel's octal escapes ({@code \040} for a space, {@code \011}, ...). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
