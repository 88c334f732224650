package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole report against this machine's real /proc, field by field against spec 2.4-2.11. */
class BasereportCollectorTest {

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static void loopbackTraffic(int bytes) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      OutputStream out = client.getOutputStream();
      InputStream in = accepted.getInputStream();
      byte[] buf = new byte[65536];
      int left = bytes;
      while (left > 0) {
        int n = Math.min(left, buf.length);
        out.write(buf, 0, n);
        left -= in.readNBytes(buf, 0, n);
      }
    }
  }

  @Test
  void firstRunIsABaselineThenEverySectionIsPresentWithTheSpecsKeys() throws Exception {
    RecordingContext ctx = new RecordingContext(Tasks.basereport(Duration.ofSeconds(10),
        Map.of("cpu", Map.of("stat_times", 1), "net", Map.of("stat_times", 1),
            "disk", Map.of("collect_all_device", true))));
    Collector c = new BasereportCollectorProvider().create(ctx);
    try {
      PolledCollector p = (PolledCollector) c;
      p.collect(Instant.now().plusSeconds(3));
      assertThat(ctx.events).as("the first run only takes baselines").isEmpty();
      loopbackTraffic(4 << 20);
      Thread.sleep(200);
      p.collect(Instant.now().plusSeconds(3));
      assertThat(ctx.events).hasSize(1);
      Event e = ctx.events.get(0);
      assertThat(e.type()).isEqualTo("basereport");
      assertThat(e.dataId()).isEqualTo(1001);
      assertThat(e.ignoreCmdbLevel()).isFalse();
      assertThat(e.fields().keySet()).containsExactly("dataid", "data");
      Map<String, Object> data = map(e.fields().get("data"));
      // Gap 7: disk, env and system are in the first published report, from this run.
      assertThat(data.keySet()).containsExactly("timezone", "datetime", "utctime", "country",
          "city", "cpu", "env", "disk", "load", "mem", "net", "system");
      assertThat(data.get("timezone")).isInstanceOf(Integer.class);
      assertThat((String) data.get("datetime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
      assertThat((String) data.get("utctime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
      checkCpu(map(data.get("cpu")));
      checkLoad(map(data.get("load")));
      checkMem(map(data.get("mem")));
      checkDisk(map(data.get("disk")));
      checkNet(map(data.get("net")));
      checkEnv(map(data.get("env")));
      checkSystem(map(data.get("system")));
      assertThat(c.counters()).containsEntry("reports", 1L).containsEntry("module_errors", 0L)
          .containsEntry("malformed_lines", 0L);
    } finally {
      c.close();
    }
  }

  void checkCpu(Map<String, Object> cpu) {
    int n = Runtime.getRuntime().availableProcessors();
    assertThat(cpu.keySet()).containsExactly("cpuinfo", "per_usage", "total_usage", "per_stat",
        "total_stat");
    List<Object> info = list(cpu.get("cpuinfo"));
    assertThat(info).hasSizeGreaterThanOrEqualTo(n);
    assertThat(map(info.get(0)).keySet()).containsExactly("cpu", "vendorId", "family", "model",
        "stepping", "physicalId", "coreId", "cores", "modelName", "mhz", "cacheSize", "flags",
        "microcode");
    assertThat(map(info.get(0))).containsEntry("cores", 1).containsEntry("flags", List.of());
    assertThat(list(cpu.get("per_usage"))).hasSize(info.size())
        .allSatisfy(u -> assertThat((Double) u).isBetween(0.0, 100.0));
    assertThat((Double) cpu.get("total_usage")).isBetween(0.0, 100.0);
    List<Object> perStat = list(cpu.get("per_stat"));
    assertThat(perStat).hasSize(info.size());
    assertThat(map(perStat.get(0))).containsEntry("cpu", "cpu0");
    Map<String, Object> total = map(cpu.get("total_stat"));
    assertThat(total).containsEntry("cpu", "cpu-total");
    double seconds = (Double) total.get("user") + (Double) total.get("system")
        + (Double) total.get("idle") + (Double) total.get("iowait");
    assertThat(seconds).as("CPU seconds of a ~0.3 s interval on all CPUs").isBetween(0.0, 60.0);
  }

  void checkLoad(Map<String, Object> load) {
    assertThat(load.keySet()).containsExactly("load_avg", "per_cpu_load");
    assertThat(map(load.get("load_avg")).keySet()).containsExactly("load1", "load5", "load15");
    double load1 = (Double) map(load.get("load_avg")).get("load1");
    assertThat((Double) load.get("per_cpu_load"))
        .isEqualTo(load1 / Runtime.getRuntime().availableProcessors());
  }

  void checkMem(Map<String, Object> mem) {
    assertThat(mem.keySet()).containsExactly("swap_in", "swap_out", "meminfo", "vmstat");
    Map<String, Object> mi = map(mem.get("meminfo"));
    assertThat((Long) mi.get("total")).isPositive();
    assertThat((Long) mi.get("used")).isPositive().isLessThan((Long) mi.get("total"));
    assertThat(map(mem.get("vmstat")).keySet()).containsExactly("total", "used", "free",
        "usedPercent", "sin", "sout", "pgIn", "pgOut", "pgFault", "pgMajFault");
    assertThat((Double) mem.get("swap_in")).isGreaterThanOrEqualTo(0.0);
  }

  void checkDisk(Map<String, Object> disk) {
    assertThat(disk.keySet()).containsExactly("diskstat", "partition", "usage");
    assertThat(map(disk.get("diskstat"))).isNotEmpty();
    List<Object> parts = list(disk.get("partition"));
    List<Object> usage = list(disk.get("usage"));
    assertThat(parts).hasSameSizeAs(usage).isNotEmpty();
    for (int i = 0; i < parts.size(); i++) {
      Map<String, Object> p = map(parts.get(i));
      assertThat(p.keySet()).containsExactly("device", "mountpoint", "fstype", "opts");
      assertThat(map(usage.get(i)).get("path")).isEqualTo(p.get("mountpoint"));
      assertThat((Double) map(usage.get(i)).get("usedPercent")).isBetween(0.0, 100.0);
    }
    assertThat(parts).anySatisfy(p -> assertThat(map(p).get("mountpoint")).isEqualTo("/"));
  }

  void checkNet(Map<String, Object> net) {
    assertThat(net.keySet()).containsExactly("interface", "dev", "netstat", "protocolstat");
    Map<String, Object> lo = list(net.get("interface")).stream().map(BasereportCollectorTest::map)
        .filter(i -> i.get("name").equals("lo")).findFirst().orElseThrow();
    assertThat(lo.keySet()).containsExactly("index", "mtu", "name", "hardwareaddr", "flags", "addrs");
    assertThat(list(lo.get("addrs"))).contains(Map.of("addr", "127.0.0.1/8"));
    assertThat(list(lo.get("flags"))).contains("up", "loopback");
    Map<String, Object> loDev = list(net.get("dev")).stream().map(BasereportCollectorTest::map)
        .filter(i -> i.get("name").equals("lo")).findFirst().orElseThrow();
    assertThat((Long) loDev.get("speedRecv")).as("4 MiB went over lo").isPositive();
    assertThat((Long) loDev.get("speedPacketsRecv")).isPositive();
    assertThat(map(net.get("netstat")).keySet()).containsExactly("established", "syncSent",
        "synRecv", "finWait1", "finWait2", "timeWait", "close", "closeWait", "lastAck", "listen",
        "closing");
    assertThat(map(net.get("protocolstat")).keySet()).containsExactly("tcp", "udp");
    assertThat(map(map(net.get("protocolstat")).get("tcp")))
        .containsKeys("activeOpens", "currEstab", "maxConn", "retransSegs");
    assertThat((Long) map(map(net.get("protocolstat")).get("tcp")).get("activeOpens"))
        .as("one connection was opened").isPositive();
  }

  void checkEnv(Map<String, Object> env) {
    assertThat(env.keySet()).containsExactly("crontab", "host", "route", "maxfiles",
        "allocated_files", "uname", "login_user", "proc_running_current",
        "procs_blocked_current", "procs_processes_total", "procs_ctxt_total");
    assertThat((String) env.get("uname")).startsWith("Linux version");
    assertThat((Long) env.get("procs_ctxt_total")).isPositive();
  }

  void checkSystem(Map<String, Object> system) {
    Map<String, Object> info = map(system.get("info"));
    assertThat(info.keySet()).containsExactly("hostname", "uptime", "bootTime", "procs",
        "procsZombie", "os", "platform", "platformFamily", "platformVersion", "kernelVersion",
        "kernelArch", "virtualizationSystem", "virtualizationRole", "hostId", "systemtype");
    assertThat(info).containsEntry("os", "linux")
        .containsEntry("kernelVersion", System.getProperty("os.version"));
    assertThat((Integer) info.get("procs")).isPositive();
    assertThat((Long) info.get("bootTime")).isGreaterThan(1_000_000_000L);
    assertThat(info.get("systemtype")).isIn("64-bit", "arm-64bit");
  }

  @Test
  void theSamplerThreadEndsOnClose() throws Exception {
    RecordingContext ctx = new RecordingContext(Tasks.basereport(Duration.ofSeconds(20), Map.of()));
    Collector c = new BasereportCollectorProvider().create(ctx);
    ((PolledCollector) c).collect(Instant.now().plusSeconds(3));
    assertThat(ctx.threads).hasSize(1);
    c.close();
    for (Thread t : ctx.threads) {
      t.join(2000);
      assertThat(t.isAlive()).isFalse();
    }
  }

  @Test
  void noDataIdMeansNoEvents() throws Exception {
    var task = Tasks.basereport(Duration.ofSeconds(10), Map.of());
    var noId = new io.bkmonitorbeat.api.TaskSpec("basereport", "i", 1, 0, 0, task.period(),
        task.timeout(), task.availableDuration(), List.of(), task.settings(), task.section(),
        task.source());
    RecordingContext ctx = new RecordingContext(noId);
    Collector c = new BasereportCollectorProvider().create(ctx);
    ((PolledCollector) c).collect(Instant.now());
    ((PolledCollector) c).collect(Instant.now());
    assertThat(ctx.events).isEmpty();
  }
}
