package io.bkmonitorbeat.probe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Configuration values written as {@code base64://<text>} (spec 10.0.3): HTTP step {@code
 * request}, {@code response} and header values use it to carry text that YAML templates would
 * break (gap G-25). Stateless.
 */
public final class Base64Text {
  /** The prefix that marks a base64 value. */
  public static final String PREFIX = "base64://";

  private Base64Text() {}

  /**
   * Returns the decoded bytes of a {@code base64://} value, or empty when {@code value} does not
   * carry the prefix. Padding is optional, the URL-safe alphabet is accepted too; text that does
   * not decode is returned as is (the part after the prefix, UTF-8), as bkmonitorbeat does.
   */
  public static Optional<byte[]> decode(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String text = value.substring(PREFIX.length());
    String compact = text.replaceAll("\\s+", "");
    String unpadded = compact.endsWith("==") ? compact.substring(0, compact.length() - 2)
        : compact.endsWith("=") ? compact.substring(0, compact.length() - 1) : compact;
    try {
      if (unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0) {
        return Optional.of(Base64.getUrlDecoder().decode(unpadded));
      }
      return Optional.of(Base64.getDecoder().decode(unpadded));
    } catch (IllegalArgumentException e) {
      return Optional.of(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Returns {@code value} with a {@code base64://} prefix decoded as UTF-8 text, or {@code value}
   * unchanged when it has no prefix.
   */
  public static String decodeText(String value) {
    return decode(value).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(value);
  }
}
