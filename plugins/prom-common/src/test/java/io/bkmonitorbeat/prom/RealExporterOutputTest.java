package io.bkmonitorbeat.prom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Output captured from Debian's prometheus-node-exporter and prometheus-blackbox-exporter on
 * loopback ({@code curl 127.0.0.1:9100/metrics} etc.), parsed without a single error.
 */
class RealExporterOutputTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = RealExporterOutputTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  /** Sample lines counted the naive way: neither blank nor a comment. */
  static long sampleLines(byte[] text) {
    return new String(text, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
  }

  @Test
  void nodeExporter() throws IOException {
    byte[] text = fixture("node_exporter.prom");
    PromTextParserTest.Collector c = new PromTextParserTest.Collector();
    ParseStats stats = PromTextParser.parse(text, c);
    assertThat(c.errors).isEmpty();
    assertThat(stats.samples()).isEqualTo(sampleLines(text)).isGreaterThan(400);
    // a summary with quantiles, _sum and _count
    assertThat(c.samples).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("go_gc_duration_seconds");
      assertThat(s.label("quantile")).isEqualTo("0.5");
    });
    assertThat(c.samples).extracting(Sample::name).contains("go_gc_duration_seconds_count",
        "node_cpu_seconds_total", "node_load1");
    assertThat(c.samples).filteredOn(s -> s.name().equals("node_cpu_seconds_total"))
        .allSatisfy(s -> assertThat(s.labels().keySet()).containsExactly("cpu", "mode"));
  }

  @Test
  void blackboxExporterOwnMetricsAndProbe() throws IOException {
    for (String name : List.of("blackbox_exporter.prom", "blackbox_probe.prom")) {
      byte[] text = fixture(name);
      PromTextParserTest.Collector c = new PromTextParserTest.Collector();
      ParseStats stats = PromTextParser.parse(text, c);
      assertThat(c.errors).as(name).isEmpty();
      assertThat(stats.samples()).as(name).isEqualTo(sampleLines(text)).isPositive();
    }
    PromTextParserTest.Collector probe = new PromTextParserTest.Collector();
    PromTextParser.parse(fixture("blackbox_probe.prom"), probe);
    assertThat(probe.samples).filteredOn(s -> s.name().equals("probe_success"))
        .singleElement().extracting(Sample::value).isEqualTo(1.0);
  }
}
