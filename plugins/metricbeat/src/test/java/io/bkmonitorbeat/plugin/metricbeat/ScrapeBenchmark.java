package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.prom.ParseStats;
import io.bkmonitorbeat.prom.PromTextParser;
import io.bkmonitorbeat.prom.Sample;
import io.bkmonitorbeat.prom.SampleConsumer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): {@code bench/metricbeat/bench.sh} runs it.
 *
 * <ul>
 *   <li>{@code parse FILE ROUNDS}: parses FILE ROUNDS times on one thread; prints samples per
 *       CPU-second (thread CPU time) and per wall second.
 *   <li>{@code scrape URL ROUNDS}: runs the real collector (HTTP scrape + parse + relabel-free
 *       processing + event building) against URL ROUNDS times; prints wall and process CPU time
 *       per scrape. The server must be another process so its CPU is not counted.
 *   <li>{@code pipeline FILE ROUNDS}: the collector's work on FILE without HTTP, split into
 *       parse + sample processing and building the events; thread CPU time per round.
 *   <li>{@code generate FILE SAMPLES}: writes a node_exporter-like payload of SAMPLES samples.
 * </ul>
 */
public final class ScrapeBenchmark {
  private ScrapeBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]));
      case "parse" -> parse(Path.of(args[1]), Integer.parseInt(args[2]));
      case "scrape" -> scrape(args[1], Integer.parseInt(args[2]));
      case "pipeline" -> pipeline(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("parse|scrape|generate");
    }
  }

  static void generate(Path file, int samples) throws Exception {
    StringBuilder sb = new StringBuilder(samples * 80);
    String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    int n = 0;
    int family = 0;
    while (n < samples) {
      String name = "bench_family_" + family + "_seconds_total";
      sb.append("# HELP ").append(name).append(" Seconds the CPUs spent in each mode.\n");
      sb.append("# TYPE ").append(name).append(" counter\n");
      for (int cpu = 0; cpu < 64 && n < samples; cpu++) {
        for (String mode : modes) {
          if (n++ >= samples) {
            break;
          }
          sb.append(name).append("{cpu=\"").append(cpu).append("\",mode=\"").append(mode)
              .append("\",instance=\"host-").append(family % 7).append(":9100\"} ")
              .append(cpu * 1000.0 + n * 0.37).append('\n');
        }
      }
      family++;
    }
    Files.writeString(file, sb.toString());
    System.out.printf("wrote %s: %d samples, %d bytes%n", file, samples, sb.length());
  }

  static void parse(Path file, int rounds) throws Exception {
    byte[] data = Files.readAllBytes(file);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PromTextParser parser = new PromTextParser();
    AtomicLong sink = new AtomicLong();
    SampleConsumer consumer = new SampleConsumer() {
      @Override
      public void accept(Sample s) {
        sink.addAndGet(s.labels().size());
      }
    };
    long samplesPerRound = 0;
    for (int i = 0; i < Math.max(20, rounds / 5); i++) { // warm-up
      samplesPerRound = parser.parseBytes(data, 0, data.length, consumer).samples();
    }
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long total = 0;
    long errors = 0;
    for (int i = 0; i < rounds; i++) {
      ParseStats stats = parser.parseBytes(data, 0, data.length, consumer);
      total += stats.samples();
      errors += stats.errors();
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    System.out.printf("parse %s: %d bytes, %d samples/round, %d rounds, %d errors%n", file.getFileName(),
        data.length, samplesPerRound, rounds, errors);
    System.out.printf("  thread CPU %.3f s, wall %.3f s%n", cpu, wall);
    System.out.printf("  %.0f samples per CPU-second, %.0f samples per wall second, %.1f MB per CPU-second%n",
        total / cpu, total / wall, (double) data.length * rounds / cpu / 1e6);
  }

  static void pipeline(Path file, int rounds) throws Exception {
    byte[] data = Files.readAllBytes(file);
    io.bkmonitorbeat.api.TaskSpec task = TestContext.task(Map.of("hosts", List.of("http://127.0.0.1:1/")));
    MetricbeatSettings settings = MetricbeatSettings.parse(task);
    SampleProcessor processor = new SampleProcessor(settings, new SampleProcessor.Counters());
    ScrapeEvents events = new ScrapeEvents(task, settings);
    PromTextParser parser = new PromTextParser();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long parseCpu = 0;
    long eventCpu = 0;
    long records = 0;
    for (int i = -Math.max(5, rounds / 5); i < rounds; i++) { // negative rounds warm up
      long t0 = threads.getCurrentThreadCpuTime();
      SampleProcessor.Scrape scrape = processor.begin(List.of(), System.currentTimeMillis() / 1000.0);
      parser.parseBytes(data, 0, data.length, scrape::accept);
      List<MetricRecord> produced = scrape.records();
      long t1 = threads.getCurrentThreadCpuTime();
      ScrapeEvents.Batches batches = events.metricEvents(produced, List.of(), Instant.now(), null);
      long t2 = threads.getCurrentThreadCpuTime();
      if (i >= 0) {
        parseCpu += t1 - t0;
        eventCpu += t2 - t1;
        records += produced.size();
      }
      if (batches.events().isEmpty()) {
        throw new IllegalStateException("no events");
      }
    }
    System.out.printf("pipeline %s: %d records/round, %d rounds%n", file.getFileName(), records / rounds, rounds);
    System.out.printf("  per round thread CPU: parse+process %.3f ms, build events %.3f ms%n",
        parseCpu / 1e6 / rounds, eventCpu / 1e6 / rounds);
  }

  static void scrape(String url, int rounds) throws Exception {
    Map<String, Object> module = new java.util.LinkedHashMap<>();
    module.put("hosts", List.of(url));
    module.put("metrics_path", "");
    AtomicLong eventCount = new AtomicLong();
    AtomicLong metricCount = new AtomicLong();
    TestContext ctx = new TestContext(TestContext.task(module, Map.of("metrics_batch_size", 1024),
        Duration.ofSeconds(30), List.of())) {
      @Override
      public io.bkmonitorbeat.api.EventSink sink() {
        return (Event e) -> {
          eventCount.incrementAndGet();
          Object prom = e.fields().get("prometheus");
          if (prom instanceof Map<?, ?> p && p.get("collector") instanceof Map<?, ?> c
              && c.get("metrics") instanceof List<?> l) {
            metricCount.addAndGet(l.size());
          }
          return true;
        };
      }
    };
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (MetricbeatCollector collector = new MetricbeatCollector(ctx, MetricbeatSettings.parse(ctx.task()))) {
      for (int i = 0; i < Math.max(10, rounds / 5); i++) { // warm-up
        collector.collect(Instant.now().plusSeconds(30));
      }
      eventCount.set(0);
      metricCount.set(0);
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        collector.collect(Instant.now().plusSeconds(30));
      }
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      long perScrape = metricCount.get() / rounds;
      System.out.printf("scrape %s: %d rounds, %d metrics/scrape (incl. 5 self-metrics), %d events%n", url,
          rounds, perScrape, eventCount.get());
      System.out.printf("  per scrape: wall %.3f ms, process CPU %.3f ms; %.0f samples per CPU-second%n",
          wall / rounds * 1e3, cpu / rounds * 1e3, metricCount.get() / cpu);
      System.out.println("  counters: " + collector.counters());
    }
  }
}
