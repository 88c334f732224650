package io.bkmonitorbeat.hostcommon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses {@code /proc/<pid>/mountinfo} and {@code /proc/mounts}. Stateless. */
public final class MountParser {
  private MountParser() {}

  /**
   * Parses mountinfo lines: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root
   * rw,errors=continue}. Lines without the {@code -} separator are reported and skipped.
   */
  public static List<Mount> parseMountInfo(List<String> lines, String source, Malformed malformed) {
    List<Mount> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = Numbers.fields(line);
      int sep = -1;
      for (int i = 6; i < f.length; i++) {
        if (f[i].equals("-")) {
          sep = i;
          break;
        }
      }
      if (f.length < 7 || sep < 0 || sep + 2 >= f.length) {
        malformed.line(source, line);
        continue;
      }
      out.add(new Mount(unescape(f[sep + 2]), unescape(f[4]), f[sep + 1],
          Arrays.asList(f[5].split(",")), unescape(f[3]), f[2]));
    }
    return out;
  }

  /** Parses {@code /proc/mounts} lines: {@code /dev/sda1 / ext4 rw,relatime 0 0}. */
  public static List<Mount> parseMounts(List<String> lines, String source, Malformed malformed) {
    List<Mount> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = Numbers.fields(line);
      if (f.length < 4) {
        malformed.line(source, line);
        continue;
      }
      out.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], Arrays.asList(f[3].split(",")),
          "/", ""));
    }
    return out;
  }

  /** Decodes the kernel's octal escapes ({@code \040} space, {@code \011} tab, {@code \134}). */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
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
