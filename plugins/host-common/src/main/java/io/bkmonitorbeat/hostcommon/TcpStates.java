package io.bkmonitorbeat.hostcommon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts TCP sockets by state from {@code /proc/net/tcp} and {@code /proc/net/tcp6} (the state is
 * the 4th column, in hex). The original counted IPv4 only, through inet_diag (gap 14); IPv6
 * sockets count too here. Request sockets ({@code TCP_NEW_SYN_RECV}, 0x0C, shown by newer kernels)
 * count as {@code synRecv}. Stateless.
 */
public final class TcpStates {
  /** The JSON keys of basereport's {@code netstat}, in the original's order. */
  public static final List<String> KEYS = List.of("established", "syncSent", "synRecv",
      "finWait1", "finWait2", "timeWait", "close", "closeWait", "lastAck", "listen", "closing");

  private TcpStates() {}

  /** Returns an all-zero count map in {@link #KEYS} order. */
  public static Map<String, Long> zero() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String k : KEYS) {
      m.put(k, 0L);
    }
    return m;
  }

  /**
   * Adds the sockets of one file's content (the header line is skipped) to {@code counts}.
   * Works on the raw bytes: a busy host has tens of thousands of lines, and making a String of
   * each would dominate the cost of a basereport collection.
   */
  public static void count(byte[] content, Map<String, Long> counts, String source,
      Malformed malformed) {
    long[] byCode = new long[16];
    int n = content.length;
    int i = 0;
    while (i < n && content[i] != '\n') {
      i++;
    }
    i++;
    while (i < n) {
      int lineStart = i;
      int col = 0;
      int code = -1;
      // Find the 4th column of this line.
      while (i < n && content[i] != '\n') {
        while (i < n && content[i] == ' ') {
          i++;
        }
        int start = i;
        while (i < n && content[i] != ' ' && content[i] != '\n') {
          i++;
        }
        if (i > start) {
          if (col == 3) {
            code = hex(content, start, i);
            break;
          }
          col++;
        }
      }
      while (i < n && content[i] != '\n') {
        i++;
      }
      int lineEnd = i;
      i++;
      if (code >= 0 && code < 16 && keyOf(code) != null) {
        byCode[code]++;
      } else if (lineEnd > lineStart && !isBlank(content, lineStart, lineEnd)) {
        malformed.line(source, new String(content, lineStart, lineEnd - lineStart,
            java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
    for (int code = 0; code < 16; code++) {
      if (byCode[code] > 0) {
        counts.merge(keyOf(code), byCode[code], Long::sum);
      }
    }
  }

  private static int hex(byte[] b, int from, int to) {
    if (to - from != 2) {
      return -1;
    }
    int hi = Character.digit(b[from], 16);
    int lo = Character.digit(b[from + 1], 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if (b[k] != ' ' && b[k] != '\t' && b[k] != '\r') {
        return false;
      }
    }
    return true;
  }

  static String keyOf(int code) {
    return switch (code) {
      case 0x01 -> "established";
      case 0x02 -> "syncSent";
      case 0x03, 0x0C -> "synRecv";
      case 0x04 -> "finWait1";
      case 0x05 -> "finWait2";
      case 0x06 -> "timeWait";
      case 0x07 -> "close";
      case 0x08 -> "closeWait";
      case 0x09 -> "lastAck";
      case 0x0A -> "listen";
      case 0x0B -> "closing";
      default -> null;
    };
  }
}
