package io.bkmonitorbeat.prom;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded, direct-mapped cache from byte ranges to Strings.
 *
 * <p>An exposition repeats the same metric names, label names and many label values on every
 * line; looking the bytes up here returns the same String without decoding or allocating it
 * again. Direct-mapped and lossy (a colliding entry is replaced), so an exporter with unbounded
 * label values cannot grow it. Not thread-safe: one per parser.
 */
final class StringCache {

  private final byte[][] keys;
  private final String[] strings;
  private final int mask;
  private final int maxLength;

  StringCache(int sizePowerOfTwo, int maxLength) {
    if (Integer.bitCount(sizePowerOfTwo) != 1) {
      throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
    }
    this.keys = new byte[sizePowerOfTwo][];
    this.strings = new String[sizePowerOfTwo];
    this.mask = sizePowerOfTwo - 1;
    this.maxLength = maxLength;
  }

  /** The String for {@code buf[from, to)}, decoded as UTF-8; ASCII-only when {@code ascii}. */
  String get(byte[] buf, int from, int to, boolean ascii) {
    int len = to - from;
    if (len == 0) {
      return "";
    }
    if (len > maxLength) {
      return decode(buf, from, to, ascii);
    }
    int h = len;
    for (int i = from; i < to; i++) {
      h = 31 * h + buf[i];
    }
    h ^= h >>> 16;
    int slot = h & mask;
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, buf, from, to)) {
      return strings[slot];
    }
    String s = decode(buf, from, to, ascii);
    keys[slot] = Arrays.copyOfRange(buf, from, to);
    strings[slot] = s;
    return s;
  }

  static String decode(byte[] buf, int from, int to, boolean ascii) {
    // Latin-1 is a straight byte copy into a compact String; valid only for ASCII input.
    return new String(buf, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }
}
