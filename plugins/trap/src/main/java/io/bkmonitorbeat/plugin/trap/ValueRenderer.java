package io.bkmonitorbeat.plugin.trap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * Renders varbind values as text, the way the Go collector printed gosnmp values: numbers in
 * decimal (TimeTicks as hundredths of a second), IP addresses dotted, OIDs with a leading dot,
 * OCTET STRINGs decoded with the configured {@code encode} charset, and {@code raw_byte_oids}
 * values as Go prints a byte slice ({@code [104 105]}). Immutable.
 */
final class ValueRenderer {
  private final Charset charset;
  private final boolean strict;

  private ValueRenderer(Charset charset, boolean strict) {
    this.charset = charset;
    this.strict = strict;
  }

  /**
   * Returns the renderer for an {@code encode} value: empty means UTF-8 (invalid bytes replaced,
   * as Go's string conversion keeps them), {@code gb2312}, {@code gbk} or {@code gb18030} decode
   * strictly (a value that does not decode skips the varbind).
   *
   * @throws IllegalArgumentException for any other value, or when the JDK lacks the charset
   */
  static ValueRenderer forEncoding(String encode) {
    String name = encode.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "" -> new ValueRenderer(StandardCharsets.UTF_8, false);
      case "gb2312", "gbk", "gb18030" -> {
        if (!Charset.isSupported(name)) {
          throw new IllegalArgumentException("the JDK has no charset " + name);
        }
        yield new ValueRenderer(Charset.forName(name), true);
      }
      default -> throw new IllegalArgumentException(
          "unsupported encode '" + encode + "' (use gb2312, gbk, gb18030 or leave it empty)");
    };
  }

  /**
   * Renders a value.
   *
   * @param raw whether the varbind is listed in {@code raw_byte_oids}
   * @throws CharacterCodingException if an OCTET STRING does not decode in the configured charset
   */
  String render(Variable value, boolean raw) throws CharacterCodingException {
    if (value instanceof OctetString octets) {
      return raw || value instanceof Opaque ? goBytes(octets.getValue()) : decode(octets.getValue());
    }
    if (value instanceof OID oid) {
      return Oids.dotted(oid.toDottedString());
    }
    if (value instanceof IpAddress ip) {
      return ip.getInetAddress().getHostAddress();
    }
    if (value instanceof Counter64 counter) {
      return Long.toUnsignedString(counter.getValue());
    }
    if (value instanceof Integer32 || value instanceof UnsignedInteger32) {
      return Long.toString(value.toLong());
    }
    return value.toString();
  }

  private String decode(byte[] bytes) throws CharacterCodingException {
    if (!strict) {
      return new String(bytes, charset);
    }
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /** Formats bytes as Go's {@code fmt.Sprint([]byte)}: {@code [1 2 255]}. */
  static String goBytes(byte[] bytes) {
    StringJoiner joiner = new StringJoiner(" ", "[", "]");
    for (byte b : bytes) {
      joiner.add(Integer.toString(b & 0xff));
    }
    return joiner.toString();
  }
}
