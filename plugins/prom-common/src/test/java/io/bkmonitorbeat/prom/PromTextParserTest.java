package io.bkmonitorbeat.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromTextParserTest {

  /** Collects samples and errors. */
  static final class Collector implements SampleConsumer {
    final List<Sample> samples = new ArrayList<>();
    final List<ParseError> errors = new ArrayList<>();

    @Override
    public void accept(Sample sample) {
      samples.add(sample);
    }

    @Override
    public void onError(ParseError error) {
      errors.add(error);
    }
  }

  static Collector parse(String text) {
    Collector c = new Collector();
    ParseStats stats = PromTextParser.parse(text.getBytes(StandardCharsets.UTF_8), c);
    assertThat(stats.samples()).isEqualTo(c.samples.size());
    assertThat(stats.errors()).isEqualTo(c.errors.size());
    return c;
  }

  static Sample one(String line) {
    Collector c = parse(line);
    assertThat(c.errors).isEmpty();
    assertThat(c.samples).hasSize(1);
    return c.samples.get(0);
  }

  @Test
  void plainSampleWithoutLabels() {
    Sample s = one("node_load1 0.25\n");
    assertThat(s.name()).isEqualTo("node_load1");
    assertThat(s.labels()).isEmpty();
    assertThat(s.value()).isEqualTo(0.25);
    assertThat(s.hasTimestamp()).isFalse();
    assertThat(s.exemplar()).isNull();
  }

  @Test
  void labelsInWrittenOrderWithSpacesAndTrailingComma() {
    Sample s = one("http_requests_total{ method = \"post\" ,code=\"200\", } 1027 1395066363000");
    assertThat(s.labels()).containsExactly(Map.entry("method", "post"), Map.entry("code", "200"));
    assertThat(s.labels().name(1)).isEqualTo("code");
    assertThat(s.label("method")).isEqualTo("post");
    assertThat(s.value()).isEqualTo(1027);
    assertThat(s.timestamp()).isEqualTo(1395066363000d);
  }

  @Test
  void escapesAndUtf8InLabelValues() {
    Sample s = one("msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find"
        + " file:\\n\\\"FILE.TXT\\\"\",city=\"Zürich 北京\"} 1.458255915e9");
    assertThat(s.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(s.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.label("city")).isEqualTo("Zürich 北京");
    assertThat(s.value()).isEqualTo(1.458255915e9);
  }

  @Test
  void emptyLabelListAndEmptyValue() {
    assertThat(one("a{} 1").labels()).isEmpty();
    assertThat(one("a{x=\"\"} 1").label("x")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "NaN, NaN", "nan, NaN", "+Inf, Infinity", "Inf, Infinity", "-Inf, -Infinity",
    "+infinity, Infinity", "-Infinity, -Infinity", "0, 0", "-0, -0.0", "1e3, 1000", "1E-3, 0.001",
    ".5, 0.5", "5., 5", "+12.5, 12.5", "-1.5e+2, -150", "007, 7", "0.000001, 1e-6",
    "123456789012345678901234567890, 1.2345678901234568E29", "1e400, Infinity", "4.9e-324, 4.9e-324",
    "0.1234567890123456789, 0.1234567890123456789", "1.7976931348623157e308, 1.7976931348623157E308"
  })
  void values(String written, double expected) {
    // Double.equals: NaN equals NaN, -0.0 differs from 0.0
    assertThat(Double.valueOf(one("m " + written).value())).isEqualTo(Double.valueOf(expected));
  }

  @Test
  void shortDecimalsParseExactlyAsTheJdkDoes() {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder();
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String v = switch (i % 4) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        case 1 -> Long.toString(random.nextLong() >> random.nextInt(63));
        case 2 -> String.format("%.6f", random.nextGaussian() * 1e6);
        default -> random.nextInt(100000) + "." + random.nextInt(1000) + "e" + (random.nextInt(60) - 30);
      };
      written.add(v);
      text.append("m ").append(v).append('\n');
    }
    Collector c = parse(text.toString());
    assertThat(c.errors).isEmpty();
    for (int i = 0; i < written.size(); i++) {
      assertThat(c.samples.get(i).value()).as(written.get(i)).isEqualTo(Double.parseDouble(written.get(i)));
    }
  }

  @Test
  void openMetricsFractionalTimestampAndExemplar() {
    Sample s = one("foo_bucket{le=\"0.5\"} 17 1520879607.789 # {trace_id=\"abc\",span_id=\"12\"} 0.43 1520879607.7");
    assertThat(s.timestamp()).isCloseTo(1520879607.789, within(1e-6));
    assertThat(s.exemplar()).isNotNull();
    assertThat(s.exemplar().labels()).containsExactly(Map.entry("trace_id", "abc"), Map.entry("span_id", "12"));
    assertThat(s.exemplar().value()).isEqualTo(0.43);
    assertThat(s.exemplar().timestamp()).isCloseTo(1520879607.7, within(1e-6));

    Sample noTs = one("foo_total 5 # {trace_id=\"x\"} 1");
    assertThat(noTs.hasTimestamp()).isFalse();
    assertThat(noTs.exemplar().hasTimestamp()).isFalse();
  }

  @Test
  void quotedUtf8MetricAndLabelNames() {
    Sample s = one("{\"my.metric\", \"label.one\"=\"v\", b=\"w\"} 2");
    assertThat(s.name()).isEqualTo("my.metric");
    assertThat(s.labels()).containsExactly(Map.entry("label.one", "v"), Map.entry("b", "w"));
    assertThat(one("{\"only.name\"} 3").name()).isEqualTo("only.name");
  }

  @Test
  void commentsBlankLinesCrlfAndTabs() {
    Collector c = parse("# HELP a Some help with \\n escapes\r\n# TYPE a counter\r\n\r\n   \n"
        + "# just a comment\n# UNIT a seconds\n\ta\t{x=\"1\"}\t3\t\r\n# EOF\n");
    assertThat(c.errors).isEmpty();
    assertThat(c.samples).hasSize(1);
    assertThat(c.samples.get(0).label("x")).isEqualTo("1");
    assertThat(c.samples.get(0).value()).isEqualTo(3);
  }

  @Test
  void histogramSeriesArePlainSamples() {
    Collector c = parse("# TYPE rpc histogram\nrpc_bucket{le=\"0.05\"} 3\nrpc_bucket{le=\"+Inf\"} 7\n"
        + "rpc_sum 1.5\nrpc_count 7\n");
    assertThat(c.errors).isEmpty();
    assertThat(c.samples).extracting(Sample::name)
        .containsExactly("rpc_bucket", "rpc_bucket", "rpc_sum", "rpc_count");
    assertThat(c.samples.get(1).label("le")).isEqualTo("+Inf");
  }

  @Test
  void blanksBetweenNameAndLabels() {
    assertThat(one("a {x=\"1\"} 2").label("x")).isEqualTo("1");
  }

  @Test
  void lastLineWithoutNewline() {
    Collector c = parse("a 1\nb 2");
    assertThat(c.samples).extracting(Sample::name).containsExactly("a", "b");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "1abc 1", "a", "a ", "a{", "a{x=\"1\"", "a{x=1} 2", "a{x=\"1\" y=\"2\"} 3", "a{x} 1",
    "a{x=\"1\",x=\"2\"} 3", "a{x=\"\\t\"} 1", "a{x=\"unterminated} 1", "a 1x", "a 0x10", "a 1.5d",
    "a 1e", "a --1", "a 1 2 3", "a 1 NaN", "a 1 Inf", "a 1 12.5.5", "a{x=\"1\"}2", "a{,} 1",
    "a 1 # trace", "a 1 # {x=\"1\"}", "a 1 # {x=\"1\"} 2 3 4", "# TYPE a frobnicator", "# TYPE",
    "# HELP", "# HELP 9a help", "# TYPE a counter extra", "{} 1", "a{\"q\"} 1", "a{x=\"1\",\"n\"} 1",
    "a - 1", "a +", "a{1x=\"y\"} 2"
  })
  void malformedLinesAreCountedAndSkippedWithoutStoppingTheParse(String bad) {
    Collector c = parse("good_before 1\n" + bad + "\ngood_after 2\n");
    assertThat(c.samples).extracting(Sample::name).containsExactly("good_before", "good_after");
    assertThat(c.errors).hasSize(1);
    ParseError e = c.errors.get(0);
    assertThat(e.lineNumber()).isEqualTo(2);
    assertThat(e.line()).isEqualTo(bad);
    assertThat(e.reason()).contains("at column");
  }

  @Test
  void errorReasonNamesTheProblemAndColumn() {
    Collector c = parse("a{x=\"1\" y=\"2\"} 3");
    assertThat(c.errors.get(0).reason()).isEqualTo("',' or '}' expected after label value at column 9");
    assertThat(c.errors.get(0).toString()).startsWith("line 1: ");
  }

  @Test
  void errorLineTextIsCut() {
    String longBad = "a{x=\"" + "y".repeat(1000);
    Collector c = parse(longBad);
    assertThat(c.errors.get(0).line()).hasSize(PromTextParser.MAX_ERROR_LINE_CHARS);
  }

  @Test
  void namesAreInternedAcrossLines() {
    Collector c = parse("metric_a{cpu=\"0\",mode=\"idle\"} 1\nmetric_a{cpu=\"1\",mode=\"idle\"} 2\n");
    Sample first = c.samples.get(0);
    Sample second = c.samples.get(1);
    assertThat(second.name()).isSameAs(first.name());
    assertThat(second.labels().name(0)).isSameAs(first.labels().name(0));
    assertThat(second.labels().value(1)).isSameAs(first.labels().value(1));
  }

  @Test
  void streamParsingMatchesByteParsingAtEveryChunkBoundary() throws IOException {
    String text = "# HELP x y\nm1{a=\"b\\\"c\"} 1\r\nm2 2 1000\n\nbad line here\nm3{z=\"é\"} NaN\nm4 4";
    Collector whole = parse(text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int chunk = 1; chunk <= 9; chunk++) {
      Collector c = new Collector();
      ParseStats stats = new PromTextParser(64).parseStream(trickle(bytes, chunk), c);
      assertThat(c.samples).as("chunk %d", chunk).isEqualTo(whole.samples);
      assertThat(c.errors).as("chunk %d", chunk).isEqualTo(whole.errors);
      assertThat(stats.bytes()).isEqualTo(bytes.length);
      assertThat(stats.lines()).isEqualTo(7);
    }
  }

  @Test
  void streamLineLongerThanTheLimitIsOneErrorAndParsingGoesOn() throws IOException {
    String text = "a 1\nhuge{x=\"" + "v".repeat(300_000) + "\"} 1\nb 2\n";
    Collector c = new Collector();
    ParseStats stats = new PromTextParser(100_000).parseStream(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), c);
    assertThat(c.samples).extracting(Sample::name).containsExactly("a", "b");
    assertThat(c.errors).hasSize(1);
    assertThat(c.errors.get(0).reason()).isEqualTo("line longer than 100000 bytes");
    assertThat(c.errors.get(0).lineNumber()).isEqualTo(2);
    assertThat(stats.lines()).isEqualTo(3);
  }

  @Test
  void streamLineUpToTheLimitIsParsed() throws IOException {
    String value = "v".repeat(200_000);
    Collector c = new Collector();
    new PromTextParser().parseStream(new ByteArrayInputStream(
        ("huge{x=\"" + value + "\"} 1\n").getBytes(StandardCharsets.UTF_8)), c);
    assertThat(c.errors).isEmpty();
    assertThat(c.samples.get(0).label("x")).isEqualTo(value);
  }

  @Test
  void parserInstanceIsReusableAndCountsPerPayload() {
    PromTextParser parser = new PromTextParser();
    byte[] one = "a 1\nbad\n".getBytes(StandardCharsets.UTF_8);
    ParseStats first = parser.parseBytes(one, 0, one.length, s -> { });
    ParseStats second = parser.parseBytes(one, 0, one.length, s -> { });
    assertThat(second).isEqualTo(first).isEqualTo(new ParseStats(2, 1, 1, one.length));
    assertThat(first.clean()).isFalse();
  }

  /** A stream that hands out at most {@code chunk} bytes per read. */
  static InputStream trickle(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
