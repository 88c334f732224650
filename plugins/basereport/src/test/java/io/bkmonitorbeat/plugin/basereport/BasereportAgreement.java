package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agreement of basereport with node_exporter over the same window (bench/basereport/agreement.sh):
 * scrape + collect, a window with CPU, disk and loopback load, scrape + collect again; then CPU
 * usage, memory used, per-interface byte rates and per-disk byte rates side by side.
 */
public final class BasereportAgreement {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? ([-+0-9.eE]+|NaN)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private BasereportAgreement() {}

  record Scrape(long nanos, Map<String, Double> values) {
    double get(String key) {
      Double v = values.get(key);
      return v == null ? Double.NaN : v;
    }

    double sum(String prefix, String labelFilter) {
      double s = 0;
      for (Map.Entry<String, Double> e : values.entrySet()) {
        if (e.getKey().startsWith(prefix) && e.getKey().contains(labelFilter)) {
          s += e.getValue();
        }
      }
      return s;
    }
  }

  static Scrape scrape(HttpClient http, String url) throws Exception {
    long t0 = System.nanoTime();
    String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    long t1 = System.nanoTime();
    Map<String, Double> values = new HashMap<>();
    for (String line : body.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      StringBuilder key = new StringBuilder(m.group(1));
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          key.append('|').append(l.group(1)).append('=').append(l.group(2));
        }
      }
      values.put(key.toString(), Double.parseDouble(m.group(4)));
    }
    return new Scrape((t0 + t1) / 2, values);
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:9100/metrics";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    HttpClient http = HttpClient.newHttpClient();
    RecordingContext ctx = new RecordingContext(Tasks.basereport(Duration.ofSeconds(seconds),
        Map.of("cpu", Map.of("stat_times", 1), "net", Map.of("stat_times", 1),
            "disk", Map.of("collect_all_device", true))));
    PolledCollector c = (PolledCollector) new BasereportCollectorProvider().create(ctx);
    c.collect(Instant.MAX); // baseline
    scrape(http, url); // warm the HTTP client
    Scrape a = scrape(http, url);
    c.collect(Instant.MAX);
    ctx.events.clear();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    load(end);
    Scrape b = scrape(http, url);
    c.collect(Instant.MAX);
    Event e = ctx.events.get(0);
    c.close();
    report(a, b, BasereportCollectorTest.map(e.fields().get("data")));
  }

  /** CPU on one thread, 64 MiB written and fsynced, loopback traffic, until {@code end}. */
  static void load(long end) throws Exception {
    Thread cpu = new Thread(() -> {
      long x = 0;
      while (System.nanoTime() < end) {
        x += Long.numberOfTrailingZeros(x + System.nanoTime());
      }
      if (x == 42) {
        System.out.print("");
      }
    });
    cpu.start();
    Path f = Files.createTempFile(Path.of("/var/tmp"), "agreement", ".bin");
    try (FileOutputStream out = new FileOutputStream(f.toFile())) {
      byte[] buf = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        out.write(buf);
      }
      out.getFD().sync();
    }
    Files.delete(f);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      OutputStream out = client.getOutputStream();
      InputStream in = accepted.getInputStream();
      byte[] buf = new byte[65536];
      while (System.nanoTime() < end - 200_000_000L) {
        out.write(buf);
        in.readNBytes(buf, 0, buf.length);
        Thread.sleep(1);
      }
    }
    cpu.join();
  }

  static void report(Scrape a, Scrape b, Map<String, Object> data) {
    double t = (b.nanos() - a.nanos()) / 1e9;
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    double total = 0;
    double idle = 0;
    for (String mode : modes) {
      double d = b.sum("node_cpu_seconds_total|", "mode=" + mode)
          - a.sum("node_cpu_seconds_total|", "mode=" + mode);
      total += d;
      if (mode.equals("idle") || mode.equals("iowait")) {
        idle += d;
      }
    }
    double neCpu = 100 * (total - idle) / total;
    double brCpu = (Double) BasereportCollectorTest.map(data.get("cpu")).get("total_usage");
    line("cpu usage %", neCpu, brCpu);
    double neUsed = b.get("node_memory_MemTotal_bytes") - b.get("node_memory_MemFree_bytes")
        - b.get("node_memory_Buffers_bytes") - b.get("node_memory_Cached_bytes")
        - b.get("node_memory_SReclaimable_bytes");
    Map<String, Object> mem = BasereportCollectorTest.map(
        BasereportCollectorTest.map(data.get("mem")).get("meminfo"));
    line("memory used bytes", neUsed, ((Long) mem.get("used")).doubleValue());
    for (Object o : (List<?>) BasereportCollectorTest.map(data.get("net")).get("dev")) {
      Map<String, Object> dev = BasereportCollectorTest.map(o);
      String name = (String) dev.get("name");
      String k = "|device=" + name;
      if (!b.values().containsKey("node_network_receive_bytes_total" + k)) {
        System.out.println("net " + name + ": not reported by node_exporter");
        continue;
      }
      line("net " + name + " recv B/s", rate(a, b, "node_network_receive_bytes_total" + k, t),
          ((Long) dev.get("speedRecv")).doubleValue());
      line("net " + name + " sent B/s", rate(a, b, "node_network_transmit_bytes_total" + k, t),
          ((Long) dev.get("speedSent")).doubleValue());
    }
    Map<String, Object> disks = BasereportCollectorTest.map(
        BasereportCollectorTest.map(data.get("disk")).get("diskstat"));
    for (Map.Entry<String, Object> d : disks.entrySet()) {
      Map<String, Object> s = BasereportCollectorTest.map(d.getValue());
      String k = "|device=" + d.getKey();
      if (!b.values().containsKey("node_disk_read_bytes_total" + k)) {
        continue; // node_exporter ignores some devices (its default device exclude)
      }
      line("disk " + d.getKey() + " read B/s", rate(a, b, "node_disk_read_bytes_total" + k, t),
          (Double) s.get("speedByteRead"));
      line("disk " + d.getKey() + " write B/s",
          rate(a, b, "node_disk_written_bytes_total" + k, t), (Double) s.get("speedByteWrite"));
    }
  }

  static double rate(Scrape a, Scrape b, String key, double t) {
    return (b.get(key) - a.get(key)) / t;
  }

  static void line(String what, double ne, double br) {
    double diff = ne == 0 && br == 0 ? 0 : Math.abs(br - ne) / Math.max(Math.abs(ne), 1e-9) * 100;
    boolean ok = diff <= 2.0 || Math.abs(br - ne) < 1.0;
    System.out.printf(Locale.ROOT, "%-28s node_exporter %16.2f  basereport %16.2f  diff %6.2f%% %s%n",
        what, ne, br, diff, ok ? "OK" : "OVER 2%");
  }
}
