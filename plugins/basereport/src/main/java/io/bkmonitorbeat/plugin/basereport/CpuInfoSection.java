package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.CpuInfo;
import io.bkmonitorbeat.hostcommon.CpuInfoParser;
import io.bkmonitorbeat.hostcommon.Numbers;
import io.bkmonitorbeat.hostcommon.ProcFs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cpu.cpuinfo} list (spec 2.5): one entry per logical CPU of {@code /proc/cpuinfo},
 * the clock overridden by cpufreq's {@code cpuinfo_max_freq}. The file is re-read when the number
 * of CPUs in {@code /proc/stat} changes (hot add/remove) and otherwise every ten minutes: with the
 * cpufreq override nothing else in it changes while running.
 *
 * <p>Not thread-safe; used by the collecting thread only.
 */
final class CpuInfoSection {
  private static final long REFRESH_NANOS = 600_000_000_000L;

  private final ProcFs fs;
  private final boolean reportFlags;
  private List<CpuInfo> cached = List.of();
  private int cachedFor = -1;
  private long readAt;

  CpuInfoSection(ProcFs fs, boolean reportFlags) {
    this.fs = fs;
    this.reportFlags = reportFlags;
  }

  /** Returns the processors, re-reading when {@code onlineCpus} changed or the cache is old. */
  List<CpuInfo> processors(int onlineCpus, long nanos) {
    if (onlineCpus != cachedFor || nanos - readAt > REFRESH_NANOS) {
      List<CpuInfo> list = new ArrayList<>();
      for (CpuInfo c : CpuInfoParser.parse(fs.lines(CpuInfoParser.FILE))) {
        Optional<String> max =
            fs.firstLine("/sys/devices/system/cpu/cpu" + c.cpu() + "/cpufreq/cpuinfo_max_freq");
        list.add(max.isPresent() ? c.withMhz(Numbers.counterOr(max.get(), 0) / 1000.0) : c);
      }
      cached = List.copyOf(list);
      cachedFor = onlineCpus;
      readAt = nanos;
    }
    return cached;
  }

  /**
   * The JSON list. When the first entry lacks a model name or a clock the original consulted
   * SMBIOS and fell back to {@code "unknown"} / -1; SMBIOS is root-only and not read here, so the
   * fallback values are used directly.
   */
  List<Object> toJson(List<CpuInfo> processors) {
    boolean fallback = !processors.isEmpty()
        && (processors.get(0).mhz() == 0 || processors.get(0).modelName().isEmpty()
            || processors.get(0).model().isEmpty());
    List<Object> out = new ArrayList<>(processors.size());
    for (CpuInfo c : processors) {
      Map<String, Object> m = new LinkedHashMap<>(20);
      m.put("cpu", c.cpu());
      m.put("vendorId", c.vendorId());
      m.put("family", c.family());
      m.put("model", fallback && c.model().isEmpty() ? "unknown" : c.model());
      m.put("stepping", c.stepping());
      m.put("physicalId", c.physicalId());
      m.put("coreId", c.coreId());
      m.put("cores", 1);
      m.put("modelName", fallback && c.modelName().isEmpty() ? "unknown" : c.modelName());
      m.put("mhz", fallback && c.mhz() == 0 ? -1.0 : c.mhz());
      m.put("cacheSize", c.cacheSize());
      m.put("flags", reportFlags ? c.flags() : List.of());
      m.put("microcode", c.microcode());
      out.add(m);
    }
    return out;
  }
}
