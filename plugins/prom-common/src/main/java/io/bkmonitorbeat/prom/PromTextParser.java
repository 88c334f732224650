package io.bkmonitorbeat.prom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parser of the Prometheus text exposition format (version 0.0.4) and of the sample lines of
 * OpenMetrics 1.0, working on bytes without regular expressions.
 *
 * <p>Strict about the format, tolerant of what real exporters write:
 *
 * <ul>
 *   <li>blank lines and {@code #} comments are skipped; {@code # HELP} and {@code # TYPE} need a
 *       valid metric name, and TYPE a known type, else the line is counted as malformed;
 *       {@code # EOF} and {@code # UNIT} are accepted;
 *   <li>label values may hold {@code \\}, {@code \"} and {@code \n} escapes and any UTF-8; other
 *       escapes are malformed; a trailing comma in the label list is accepted; duplicate label
 *       names are malformed; Prometheus 3 quoted names ({@code {"my.metric", "a.b"="c"}}) are
 *       accepted;
 *   <li>values are Go {@code ParseFloat} style decimals plus {@code NaN}, {@code +Inf},
 *       {@code -Inf} (case-insensitive, {@code Infinity} too); NaN and infinities are delivered,
 *       the caller decides;
 *   <li>an optional timestamp follows the value, integer milliseconds (Prometheus) or fractional
 *       seconds (OpenMetrics): it is delivered as written (see {@link Sample#timestamp()});
 *   <li>an OpenMetrics exemplar after {@code #} is parsed and attached; a malformed one makes the
 *       line malformed;
 *   <li>histogram and summary series are plain samples.
 * </ul>
 *
 * <p>A malformed line is reported to {@link SampleConsumer#onError(ParseError)} with its line
 * number and a reason, counted in {@link ParseStats#errors()}, and skipped; parsing never stops
 * on bad input. Lines may end in LF or CRLF.
 *
 * <p>An instance keeps caches of metric names, label names and short label values across calls
 * (so a scraper that reuses one parser decodes each repeated string once). An instance is not
 * thread-safe; the static {@link #parse(byte[], SampleConsumer)} and {@link #parse(InputStream,
 * SampleConsumer)} use a fresh one.
 */
public final class PromTextParser {

  /** Longest line text kept in a {@link ParseError}. */
  public static final int MAX_ERROR_LINE_CHARS = 200;

  /** Default longest line accepted from a stream; longer lines are malformed and skipped. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private final StringCache nameCache = new StringCache(4096, 256);
  private final StringCache valueCache = new StringCache(8192, 64);
  private final int maxLineBytes;

  // Scratch space reused for every line; copied out when a sample is built.
  private String[] scratchNames = new String[16];
  private String[] scratchValues = new String[16];
  private int scratchSize;
  private String quotedMetricName;
  private byte[] unescaped = new byte[256];

  // Per-payload counters.
  private long lines;
  private long samples;
  private long errors;

  /** A parser with the default maximum line length for streams. */
  public PromTextParser() {
    this(DEFAULT_MAX_LINE_BYTES);
  }

  /** A parser that treats stream lines longer than {@code maxLineBytes} as malformed. */
  public PromTextParser(int maxLineBytes) {
    if (maxLineBytes < 64) {
      throw new IllegalArgumentException("maxLineBytes must be at least 64: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Parses a whole payload with a fresh parser. */
  public static ParseStats parse(byte[] data, SampleConsumer consumer) {
    return new PromTextParser().parseBytes(data, 0, data.length, consumer);
  }

  /** Parses a stream to its end with a fresh parser; the stream is not closed. */
  public static ParseStats parse(InputStream in, SampleConsumer consumer) throws IOException {
    return new PromTextParser().parseStream(in, consumer);
  }

  /** Parses {@code data[offset, offset+length)}. */
  public ParseStats parseBytes(byte[] data, int offset, int length, SampleConsumer consumer) {
    resetCounters();
    int end = offset + length;
    int p = offset;
    while (p < end) {
      int nl = indexOfNewline(data, p, end);
      int lineEnd = nl < 0 ? end : nl;
      line(data, p, lineEnd, consumer);
      p = nl < 0 ? end : nl + 1;
    }
    return new ParseStats(lines, samples, errors, length);
  }

  /** Parses a stream to its end, holding at most one line (and a read buffer) in memory. */
  public ParseStats parseStream(InputStream in, SampleConsumer consumer) throws IOException {
    resetCounters();
    byte[] buf = new byte[64 * 1024];
    int filled = 0;
    long total = 0;
    boolean skippingLongLine = false;
    while (true) {
      if (filled == buf.length) {
        if (buf.length < maxLineBytes) {
          buf = Arrays.copyOf(buf, Math.min(maxLineBytes, buf.length * 2));
        } else {
          // The current line is longer than allowed: report it once and drop bytes to its end.
          if (!skippingLongLine) {
            lines++;
            error(consumer, "line longer than " + maxLineBytes + " bytes", buf, 0, 80);
            skippingLongLine = true;
          }
          filled = 0;
        }
      }
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        break;
      }
      total += n;
      int scanFrom = filled;
      filled += n;
      int start = 0;
      int nl;
      while ((nl = indexOfNewline(buf, scanFrom, filled)) >= 0) {
        if (skippingLongLine) {
          skippingLongLine = false;
        } else {
          line(buf, start, nl, consumer);
        }
        start = nl + 1;
        scanFrom = start;
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, filled - start);
        filled -= start;
      }
    }
    if (filled > 0 && !skippingLongLine) {
      line(buf, 0, filled, consumer);
    }
    return new ParseStats(lines, samples, errors, total);
  }

  private void resetCounters() {
    lines = 0;
    samples = 0;
    errors = 0;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** One line without its LF. */
  private void line(byte[] b, int start, int end, SampleConsumer consumer) {
    lines++;
    if (end > start && b[end - 1] == '\r') {
      end--;
    }
    try {
      Sample s = sampleLine(b, start, end);
      if (s != null) {
        samples++;
        consumer.accept(s);
      }
    } catch (Malformed m) {
      error(consumer, m.getMessage() + " at column " + (m.pos - start + 1), b, start, end);
    }
  }

  private void error(SampleConsumer consumer, String reason, byte[] b, int start, int end) {
    errors++;
    int cut = Math.min(end, start + MAX_ERROR_LINE_CHARS);
    String text = new String(b, start, cut - start, StandardCharsets.UTF_8);
    consumer.onError(new ParseError(lines, reason, text));
  }

  /** The sample on this line, or null for a blank or comment line; throws when malformed. */
  private Sample sampleLine(byte[] b, int start, int end) {
    int p = skipBlank(b, start, end);
    if (p == end) {
      return null;
    }
    if (b[p] == '#') {
      comment(b, p + 1, end);
      return null;
    }
    String name = null;
    if (isNameStart(b[p])) {
      int q = scanMetricName(b, p, end);
      name = nameCache.get(b, p, q, true);
      // Go's expfmt allows blanks between the name and '{'.
      int r = skipBlank(b, q, end);
      p = r < end && b[r] == '{' ? r : q;
    } else if (b[p] != '{') {
      throw new Malformed("metric name expected", p);
    }
    Labels labels = Labels.EMPTY;
    if (p < end && b[p] == '{') {
      p = labelList(b, p + 1, end, name == null);
      if (name == null) {
        name = quotedMetricName;
        if (name == null) {
          throw new Malformed("metric name expected", start);
        }
      }
      labels = takeLabels();
    }
    if (p >= end || !isBlank(b[p])) {
      throw new Malformed(p >= end ? "value expected" : "space expected after name/labels", p);
    }
    p = skipBlank(b, p, end);
    int q = tokenEnd(b, p, end);
    if (q == p) {
      throw new Malformed("value expected", p);
    }
    double value = number(b, p, q);
    p = skipBlank(b, q, end);
    double ts = Double.NaN;
    if (p < end && b[p] != '#') {
      q = tokenEnd(b, p, end);
      ts = number(b, p, q);
      if (Double.isNaN(ts) || Double.isInfinite(ts)) {
        throw new Malformed("timestamp must be finite", p);
      }
      p = skipBlank(b, q, end);
    }
    Exemplar exemplar = null;
    if (p < end) {
      if (b[p] != '#') {
        throw new Malformed("unexpected text after timestamp", p);
      }
      exemplar = exemplar(b, p + 1, end);
    }
    return new Sample(name, labels, value, ts, exemplar);
  }

  private Exemplar exemplar(byte[] b, int p, int end) {
    p = skipBlank(b, p, end);
    if (p >= end || b[p] != '{') {
      throw new Malformed("exemplar labels expected after '#'", p);
    }
    p = labelList(b, p + 1, end, false);
    Labels labels = takeLabels();
    if (p >= end || !isBlank(b[p])) {
      throw new Malformed("exemplar value expected", p);
    }
    p = skipBlank(b, p, end);
    int q = tokenEnd(b, p, end);
    if (q == p) {
      throw new Malformed("exemplar value expected", p);
    }
    double value = number(b, p, q);
    p = skipBlank(b, q, end);
    double ts = Double.NaN;
    if (p < end) {
      q = tokenEnd(b, p, end);
      ts = number(b, p, q);
      if (Double.isNaN(ts) || Double.isInfinite(ts)) {
        throw new Malformed("exemplar timestamp must be finite", p);
      }
      p = skipBlank(b, q, end);
      if (p < end) {
        throw new Malformed("unexpected text after exemplar", p);
      }
    }
    return new Exemplar(labels, value, ts);
  }

  /** {@code # HELP}, {@code # TYPE}, {@code # UNIT}, {@code # EOF} or a free comment. */
  private void comment(byte[] b, int p, int end) {
    p = skipBlank(b, p, end);
    int q = tokenEnd(b, p, end);
    boolean help = is(b, p, q, "HELP");
    boolean type = !help && is(b, p, q, "TYPE");
    if (!help && !type) {
      return; // # EOF, # UNIT and free text need nothing
    }
    p = skipBlank(b, q, end);
    if (p >= end || !isNameStart(b[p])) {
      throw new Malformed("metric name expected after " + (help ? "HELP" : "TYPE"), p);
    }
    q = scanMetricName(b, p, end);
    if (q < end && !isBlank(b[q])) {
      throw new Malformed("invalid metric name", q);
    }
    if (type) {
      p = skipBlank(b, q, end);
      q = tokenEnd(b, p, end);
      if (!(is(b, p, q, "counter") || is(b, p, q, "gauge") || is(b, p, q, "histogram")
          || is(b, p, q, "summary") || is(b, p, q, "untyped") || is(b, p, q, "unknown")
          || is(b, p, q, "gaugehistogram") || is(b, p, q, "stateset") || is(b, p, q, "info"))) {
        throw new Malformed("unknown metric type", p);
      }
      if (skipBlank(b, q, end) != end) {
        throw new Malformed("unexpected text after metric type", q);
      }
    }
  }

  /**
   * Parses labels up to and including '}' into the scratch arrays; returns the position after
   * '}'. With {@code nameAllowed}, a lone quoted string is the metric name (Prometheus 3).
   */
  private int labelList(byte[] b, int p, int end, boolean nameAllowed) {
    scratchSize = 0;
    quotedMetricName = null;
    while (true) {
      p = skipBlank(b, p, end);
      if (p >= end) {
        throw new Malformed("'}' expected", p);
      }
      if (b[p] == '}') {
        return p + 1;
      }
      String labelName;
      if (b[p] == '"') {
        int q = quotedEnd(b, p + 1, end);
        String quoted = quotedValue(b, p + 1, q, nameCache);
        p = skipBlank(b, q + 1, end);
        if (p < end && (b[p] == ',' || b[p] == '}')) {
          if (!nameAllowed || quotedMetricName != null || scratchSize > 0) {
            throw new Malformed("quoted metric name must come first", p);
          }
          quotedMetricName = quoted;
          if (b[p] == ',') {
            p++;
          }
          continue;
        }
        labelName = quoted;
      } else if (isLabelStart(b[p])) {
        int q = p + 1;
        while (q < end && isLabelChar(b[q])) {
          q++;
        }
        labelName = nameCache.get(b, p, q, true);
        p = skipBlank(b, q, end);
      } else {
        throw new Malformed("label name expected", p);
      }
      if (p >= end || b[p] != '=') {
        throw new Malformed("'=' expected after label name", p);
      }
      p = skipBlank(b, p + 1, end);
      if (p >= end || b[p] != '"') {
        throw new Malformed("'\"' expected before label value", p);
      }
      int q = quotedEnd(b, p + 1, end);
      String labelValue = quotedValue(b, p + 1, q, valueCache);
      for (int i = 0; i < scratchSize; i++) {
        if (scratchNames[i].equals(labelName)) {
          throw new Malformed("duplicate label name '" + labelName + "'", p);
        }
      }
      addScratch(labelName, labelValue);
      p = skipBlank(b, q + 1, end);
      if (p < end && b[p] == ',') {
        p++;
      } else if (p >= end || b[p] != '}') {
        throw new Malformed("',' or '}' expected after label value", p);
      }
    }
  }

  private void addScratch(String n, String v) {
    if (scratchSize == scratchNames.length) {
      scratchNames = Arrays.copyOf(scratchNames, scratchSize * 2);
      scratchValues = Arrays.copyOf(scratchValues, scratchSize * 2);
    }
    scratchNames[scratchSize] = n;
    scratchValues[scratchSize] = v;
    scratchSize++;
  }

  private Labels takeLabels() {
    return Labels.wrap(
        Arrays.copyOf(scratchNames, scratchSize),
        Arrays.copyOf(scratchValues, scratchSize),
        scratchSize);
  }

  /** Index of the closing quote of a string starting at {@code p} (after the opening quote). */
  private static int quotedEnd(byte[] b, int p, int end) {
    while (p < end) {
      byte c = b[p];
      if (c == '"') {
        return p;
      }
      if (c == '\\') {
        p++;
      }
      p++;
    }
    throw new Malformed("unterminated quoted string", end);
  }

  /** Decodes {@code b[from, to)} (between quotes), resolving escapes. */
  private String quotedValue(byte[] b, int from, int to, StringCache cache) {
    boolean ascii = true;
    boolean escaped = false;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c < 0) {
        ascii = false;
      } else if (c == '\\') {
        escaped = true;
      }
    }
    if (!escaped) {
      return cache.get(b, from, to, ascii);
    }
    if (unescaped.length < to - from) {
      unescaped = new byte[Math.max(to - from, unescaped.length * 2)];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '\\') {
        byte e = b[++i];
        switch (e) {
          case '\\' -> unescaped[n++] = '\\';
          case '"' -> unescaped[n++] = '"';
          case 'n' -> unescaped[n++] = '\n';
          default -> throw new Malformed("invalid escape '\\" + (char) e + "' in quoted string", i);
        }
      } else {
        unescaped[n++] = c;
      }
    }
    return StringCache.decode(unescaped, 0, n, ascii);
  }

  /** A float in Go ParseFloat syntax, or NaN/Inf; exact for the usual short decimals. */
  private static double number(byte[] b, int from, int to) {
    byte first = b[from];
    if (first == 'N' || first == 'n' || first == 'I' || first == 'i'
        || ((first == '+' || first == '-') && to - from > 1 && isLetter(b[from + 1]))) {
      return special(b, from, to);
    }
    int i = from;
    boolean neg = false;
    if (first == '+' || first == '-') {
      neg = first == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int exp = 0;
    boolean any = false;
    boolean slow = false;
    while (i < to && isDigit(b[i])) {
      any = true;
      int d = b[i] - '0';
      if (mantissa == 0 && d == 0) {
        // leading zero: adds nothing
      } else if (digits < 18) {
        mantissa = mantissa * 10 + d;
        digits++;
      } else {
        exp++;
        slow = true;
      }
      i++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && isDigit(b[i])) {
        any = true;
        int d = b[i] - '0';
        if (mantissa == 0 && d == 0) {
          exp--;
        } else if (digits < 18) {
          mantissa = mantissa * 10 + d;
          digits++;
          exp--;
        } else {
          slow = true;
        }
        i++;
      }
    }
    if (!any) {
      throw new Malformed("invalid number", from);
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean expNeg = false;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        expNeg = b[i] == '-';
        i++;
      }
      if (i >= to || !isDigit(b[i])) {
        throw new Malformed("invalid number exponent", i);
      }
      int e = 0;
      while (i < to && isDigit(b[i])) {
        if (e < 100_000) {
          e = e * 10 + (b[i] - '0');
        }
        i++;
      }
      exp += expNeg ? -e : e;
    }
    if (i != to) {
      throw new Malformed("invalid number", i);
    }
    if (mantissa == 0) {
      return neg ? -0.0 : 0.0;
    }
    if (!slow && digits <= 15 && exp >= -22 && exp <= 22) {
      // Both operands are exact doubles, so one multiplication/division rounds correctly.
      double v = exp >= 0 ? mantissa * POW10[exp] : mantissa / POW10[-exp];
      return neg ? -v : v;
    }
    // Rare: long mantissas or large exponents. The syntax is already checked above, so the JDK's
    // own parser (which would also accept suffixes such as 'd') sees only a valid decimal.
    return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
  }

  private static double special(byte[] b, int from, int to) {
    if (is(b, from, to, "nan")) {
      return Double.NaN;
    }
    if (is(b, from, to, "inf") || is(b, from, to, "+inf") || is(b, from, to, "infinity")
        || is(b, from, to, "+infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (is(b, from, to, "-inf") || is(b, from, to, "-infinity")) {
      return Double.NEGATIVE_INFINITY;
    }
    throw new Malformed("invalid number", from);
  }

  /** Case-insensitive ASCII comparison of {@code b[from, to)} with a lower/upper-case word. */
  private static boolean is(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = b[from + i] | 0x20;
      int w = word.charAt(i) | 0x20;
      if (c != w) {
        return false;
      }
    }
    return true;
  }

  private static int scanMetricName(byte[] b, int p, int end) {
    int q = p + 1;
    while (q < end && isNameChar(b[q])) {
      q++;
    }
    return q;
  }

  private static int skipBlank(byte[] b, int p, int end) {
    while (p < end && isBlank(b[p])) {
      p++;
    }
    return p;
  }

  private static int tokenEnd(byte[] b, int p, int end) {
    while (p < end && !isBlank(b[p])) {
      p++;
    }
    return p;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNameStart(byte c) {
    return isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isNameChar(byte c) {
    return isNameStart(c) || isDigit(c);
  }

  private static boolean isLabelStart(byte c) {
    return isLetter(c) || c == '_';
  }

  private static boolean isLabelChar(byte c) {
    return isLabelStart(c) || isDigit(c);
  }

  /** A malformed line: message and byte position, no stack trace (errors are data here). */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int pos;

    Malformed(String message, int pos) {
      super(message, null, false, false);
      this.pos = pos;
    }
  }
}
