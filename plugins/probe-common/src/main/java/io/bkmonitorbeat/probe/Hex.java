package io.bkmonitorbeat.probe;

import java.util.HexFormat;

/** Hex text to bytes, as bkmonitorbeat's configuration writes it. */
final class Hex {
  private Hex() {}

  /**
   * Decodes hex text (upper or lower case, an even number of digits, white space ignored).
   *
   * @throws IllegalArgumentException if the text is not hex
   */
  static byte[] decode(String text) {
    String digits = text.replaceAll("\\s+", "");
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("must be hex with an even number of digits");
    }
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be hex (digits 0-9, a-f)", e);
    }
  }
}
