package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The request to send and the check of the response (spec 10.0.3, with gaps G-4 and G-5 fixed).
 *
 * <p>Keys: {@code request} with {@code request_format} {@code raw} (default) or {@code hex};
 * {@code response} with {@code response_format} {@code [raw|hex|]<function>} (default {@code
 * startswith}). Functions, where {@code content} is what was read and {@code expect} the
 * configured response: {@code eq}, {@code nq}, {@code startswith}, {@code nstartswith}, {@code
 * endswith}, {@code nendswith}, {@code in} (content contains expect), {@code nin}, {@code reg}
 * (Java regex; matched when the leftmost match is non-empty), {@code wildcard} ({@code *} any
 * sequence, {@code ?} one character, anything else literal; the whole content must match) and
 * {@code hex} (expect is hex, compared for equality). With the {@code hex|} prefix the
 * expectation is hex-decoded before the function is applied. {@code reg} and {@code wildcard}
 * see the content decoded as UTF-8; the other functions compare bytes.
 *
 * <p>An empty {@code response} always matches. Everything is decoded and compiled when the
 * matcher is created; {@link #matches} is pure. Immutable and thread-safe.
 */
public final class Matcher {
  private static final Matcher NONE = new Matcher(new byte[0], Function.EQ, new byte[0], null);

  private final byte[] request;
  private final Function function;
  private final byte[] expect;
  private final Pattern pattern;

  private Matcher(byte[] request, Function function, byte[] expect, Pattern pattern) {
    this.request = request;
    this.function = function;
    this.expect = expect;
    this.pattern = pattern;
  }

  /** Returns a matcher that sends nothing and accepts every response. */
  public static Matcher none() {
    return NONE;
  }

  /**
   * Reads {@code request}, {@code request_format}, {@code response} and {@code
   * response_format} from a task.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the key and value when one is invalid
   */
  public static Matcher parse(Settings task) {
    return parse(task, new byte[0]);
  }

  /**
   * Like {@link #parse(Settings)}, but sends {@code defaultRequest} when {@code request} is absent
   * or empty (udp sends {@code X}, whether {@code request_format} is raw or hex).
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the key and value when one is invalid
   */
  public static Matcher parse(Settings task, byte[] defaultRequest) {
    byte[] request = parseRequest(task);
    if (request.length == 0) {
      request = defaultRequest.clone();
    }
    String format = task.string("response_format", "").trim().toLowerCase(Locale.ROOT);
    boolean hexPrefix = false;
    if (format.startsWith("hex|")) {
      hexPrefix = true;
      format = format.substring(4);
    } else if (format.startsWith("raw|")) {
      format = format.substring(4);
    }
    Function function =
        format.isEmpty() ? Function.STARTSWITH : Function.byName(format);
    if (function == null) {
      throw task.error(
          "response_format",
          "must be [raw|hex|]<function> with function one of " + Function.names());
    }
    String response = task.string("response", "");
    byte[] expect;
    try {
      expect =
          hexPrefix || function == Function.HEX
              ? Hex.decode(response)
              : response.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw task.error("response", e.getMessage() + " (response_format '"
          + task.string("response_format", "") + "')");
    }
    Pattern pattern = null;
    if (expect.length > 0 && (function == Function.REG || function == Function.WILDCARD)) {
      String text = new String(expect, StandardCharsets.UTF_8);
      try {
        pattern =
            function == Function.REG
                ? Pattern.compile(text)
                : Pattern.compile(wildcardToRegex(text), Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw task.error("response", "must be a valid regular expression: " + e.getDescription());
      }
    }
    return new Matcher(request, function, expect, pattern);
  }

  private static byte[] parseRequest(Settings task) {
    String request = task.string("request", "");
    String format = task.string("request_format", "").trim().toLowerCase(Locale.ROOT);
    switch (format) {
      case "", "raw":
        return request.getBytes(StandardCharsets.UTF_8);
      case "hex":
        try {
          return Hex.decode(request);
        } catch (IllegalArgumentException e) {
          throw task.error("request", e.getMessage() + " (request_format 'hex')");
        }
      default:
        throw task.error("request_format", "must be 'raw' or 'hex'");
    }
  }

  /** Converts a wildcard pattern to an anchored regex, once (G-5). */
  static String wildcardToRegex(String wildcard) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  /** Returns the bytes to send (a copy; empty when no request is configured). */
  public byte[] request() {
    return request.clone();
  }

  /** Returns whether a response is checked at all (a {@code response} is configured). */
  public boolean checksResponse() {
    return expect.length > 0;
  }

  /** Returns whether {@code content} satisfies the configured expectation. */
  public boolean matches(byte[] content) {
    if (expect.length == 0) {
      return true;
    }
    return switch (function) {
      case EQ, HEX -> Arrays.equals(content, expect);
      case NQ -> !Arrays.equals(content, expect);
      case STARTSWITH -> startsWith(content);
      case NSTARTSWITH -> !startsWith(content);
      case ENDSWITH -> endsWith(content);
      case NENDSWITH -> !endsWith(content);
      case IN -> indexOf(content) >= 0;
      case NIN -> indexOf(content) < 0;
      case REG -> {
        java.util.regex.Matcher m = pattern.matcher(new String(content, StandardCharsets.UTF_8));
        yield m.find() && m.end() > m.start();
      }
      case WILDCARD -> pattern.matcher(new String(content, StandardCharsets.UTF_8)).matches();
    };
  }

  private boolean startsWith(byte[] content) {
    return content.length >= expect.length
        && Arrays.equals(content, 0, expect.length, expect, 0, expect.length);
  }

  private boolean endsWith(byte[] content) {
    int from = content.length - expect.length;
    return from >= 0 && Arrays.equals(content, from, content.length, expect, 0, expect.length);
  }

  private int indexOf(byte[] content) {
    outer:
    for (int i = 0; i + expect.length <= content.length; i++) {
      for (int j = 0; j < expect.length; j++) {
        if (content[i + j] != expect[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Matcher[" + function.name().toLowerCase(Locale.ROOT) + ", " + expect.length
        + " expected bytes, " + request.length + " request bytes]";
  }

  private enum Function {
    EQ, NQ, STARTSWITH, NSTARTSWITH, ENDSWITH, NENDSWITH, IN, NIN, REG, WILDCARD, HEX;

    static Function byName(String name) {
      for (Function f : values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
          return f;
        }
      }
      return null;
    }

    static String names() {
      return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
  }
}
