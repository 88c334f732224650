package io.bkmonitorbeat.host.config;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic, unambiguous text serialisation of configuration values, for hashing (spec 4.4,
 * gap G-24: Go's gob bytes cannot be reproduced and need not be). Maps are written with keys
 * sorted, recursively; strings are length-prefixed so no two different values share an encoding;
 * numbers are written in plain decimal so 1 (int) and 1 (long) are the same. Not thread-safe;
 * one instance per hash.
 */
final class CanonicalEncoder {
  private final StringBuilder out = new StringBuilder();

  CanonicalEncoder value(Object value) {
    if (value == null) {
      out.append('z');
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('m').append(sorted.size()).append('{');
      sorted.forEach((k, v) -> string(k).value(v));
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('l').append(list.size()).append('[');
      list.forEach(this::value);
      out.append(']');
    } else if (value instanceof Boolean b) {
      out.append(b ? 'T' : 'F');
    } else if (value instanceof Number number) {
      out.append('n').append(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
      out.append(';');
    } else {
      string(value.toString());
    }
    return this;
  }

  CanonicalEncoder string(String text) {
    out.append('s').append(text.length()).append(':').append(text);
    return this;
  }

  /** Returns the SHA-1 of everything written so far, as lower-case hex. */
  String sha1() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      byte[] hash = digest.digest(out.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
