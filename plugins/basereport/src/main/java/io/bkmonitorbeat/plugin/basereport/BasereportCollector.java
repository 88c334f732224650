package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.hostcommon.CpuInfo;
import io.bkmonitorbeat.hostcommon.LoadAvg;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.ProcStat;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one {@code basereport_task} (spec 2.2-2.4). The first run only takes the
 * baselines of every counter and publishes nothing (as the original's "fast run", without its 5 s
 * sleep); every later run publishes one report whose rates cover the time since the previous one.
 * A module that fails leaves its key out of the report (the original wrote {@code null}, which the
 * event API does not carry) and is counted.
 *
 * <p>Not thread-safe: the host never overlaps runs of one collector; the sampler thread of {@link
 * RateModules} synchronises itself.
 */
final class BasereportCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(BasereportCollector.class);

  private final CollectorContext context;
  private final BasereportSettings settings;
  private final HostReader reader;
  private final RateModules rates;
  private final CpuInfoSection cpuInfo;
  private final DiskSection disk;
  private final NetSection net;
  private final EnvSection env;
  private final SystemSection system;
  private final SwapRate swap = new SwapRate();
  private final PublishGuard guard;
  private final ZoneId zone;
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong moduleErrors = new AtomicLong();
  private final AtomicLong sameMinuteDrops = new AtomicLong();
  private boolean baselined;

  BasereportCollector(CollectorContext context, BasereportSettings settings, ProcFs fs,
      ZoneId zone) {
    this.context = context;
    this.settings = settings;
    this.reader = new HostReader(fs);
    this.rates = new RateModules(reader, settings, context::nanoTime);
    this.cpuInfo = new CpuInfoSection(fs, settings.cpuReportFlag());
    this.disk = DiskSection.real(reader, settings.disk());
    this.net = new NetSection(reader, settings.net());
    this.env = new EnvSection(fs, settings);
    this.system = new SystemSection(fs);
    this.guard = new PublishGuard(context, settings.period());
    this.zone = zone;
  }

  @Override
  public void collect(Instant deadline) throws IOException {
    if (!baselined) {
      baseline();
      return;
    }
    Instant start = context.clock().instant();
    Map<String, Object> data = report();
    Instant end = context.clock().instant();
    if (!guard.mayPublish(end.getEpochSecond())) {
      sameMinuteDrops.incrementAndGet();
      log.debug("{}: a report was already published in this minute", context.task().label());
      return;
    }
    context.sink().emit(Event.builder("basereport", context.task().dataId())
        .put("data", data).build());
    reports.incrementAndGet();
    guard.published(start.getEpochSecond());
  }

  /** The first run: every counter's baseline, and the sampler thread. */
  private void baseline() throws IOException {
    long now = context.nanoTime();
    rates.takeCpu();
    rates.takeNet();
    rates.takeMem();
    disk.baseline(now);
    net.baseline();
    swap.rates(reader.vmstat(), now);
    rates.start(context.threadFactory("sampler"));
    baselined = true;
  }

  Map<String, Object> report() {
    Map<String, Object> data = new LinkedHashMap<>(16);
    long now = context.nanoTime();
    ProcStat stat = module("stat", () -> reader.procStat());
    List<CpuInfo> processors =
        stat == null ? List.of() : cpuInfo.processors(stat.cpus().size(), now);
    Map<String, Object> cpu = module("cpu", () -> cpu(processors));
    Map<String, Object> envSection = stat == null ? null : module("env", () -> env.collect(stat));
    Map<String, Object> diskSection = module("disk", () -> disk.collect(now));
    Map<String, Object> load = module("load", () -> load(processors.size()));
    Map<String, Object> mem = module("mem", this::mem);
    Map<String, Object> netSection = module("net", () -> net.collect(rates.takeNet()));
    Map<String, Object> sys = stat == null ? null : module("system", () -> system.collect(stat, now));
    ReportTime.put(data, context.clock().instant(), zone, reader.fs());
    putIfPresent(data, "cpu", cpu);
    putIfPresent(data, "env", envSection);
    putIfPresent(data, "disk", diskSection);
    putIfPresent(data, "load", load);
    putIfPresent(data, "mem", mem);
    putIfPresent(data, "net", netSection);
    putIfPresent(data, "system", sys);
    return data;
  }

  private Map<String, Object> cpu(List<CpuInfo> processors) throws IOException {
    CpuSample s = rates.takeCpu();
    if (s == null) {
      throw new IOException("no CPU sample in this period");
    }
    Map<String, Object> cpu = new LinkedHashMap<>(8);
    cpu.put("cpuinfo", cpuInfo.toJson(processors));
    cpu.put("per_usage", s.perUsage());
    cpu.put("total_usage", s.totalUsage());
    cpu.put("per_stat", s.perStat());
    cpu.put("total_stat", s.totalStat());
    return cpu;
  }

  private Map<String, Object> load(int cpus) throws IOException {
    if (cpus == 0) {
      throw new IOException("no logical CPU in /proc/cpuinfo");
    }
    LoadAvg l = LoadAvg.parse(reader.fs().firstLine(LoadAvg.FILE).orElse(""))
        .orElseThrow(() -> new IOException("cannot parse " + LoadAvg.FILE));
    Map<String, Object> avg = new LinkedHashMap<>(4);
    avg.put("load1", l.load1());
    avg.put("load5", l.load5());
    avg.put("load15", l.load15());
    Map<String, Object> load = new LinkedHashMap<>(4);
    load.put("load_avg", avg);
    load.put("per_cpu_load", l.load1() / cpus);
    return load;
  }

  private Map<String, Object> mem() throws IOException {
    Map<String, Object> meminfo = rates.takeMem();
    Map<String, Long> vm = reader.vmstat();
    double[] swapRates = swap.rates(vm, context.nanoTime());
    Map<String, Object> mem = new LinkedHashMap<>(8);
    mem.put("swap_in", swapRates[0]);
    mem.put("swap_out", swapRates[1]);
    mem.put("meminfo", meminfo);
    mem.put("vmstat", MemReport.swap(reader.meminfo(), vm));
    return mem;
  }

  private interface Module<T> {
    T get() throws IOException;
  }

  private <T> T module(String name, Module<T> module) {
    try {
      return module.get();
    } catch (IOException | RuntimeException e) {
      moduleErrors.incrementAndGet();
      log.warn("{}: basereport module '{}' failed: {}", context.task().label(), name,
          e.toString());
      return null;
    }
  }

  private static void putIfPresent(Map<String, Object> data, String key, Object value) {
    if (value != null) {
      data.put(key, value);
    }
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("reports", reports.get(), "module_errors", moduleErrors.get(),
        "malformed_lines", reader.malformedLines(), "same_minute_drops", sameMinuteDrops.get());
  }

  @Override
  public void close() {
    rates.close();
  }
}
