package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Numbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the {@code mem.meminfo} and {@code mem.vmstat} objects (spec 2.6) from {@code
 * /proc/meminfo} and {@code /proc/vmstat}, with gopsutil's formulas. Stateless.
 */
final class MemReport {
  static final long PAGE = 4096;

  private MemReport() {}

  /** The {@code meminfo} object; {@code ieg} is the container override file's lines or empty. */
  static Map<String, Object> meminfo(Map<String, Long> mi, Supplier<List<String>> zoneinfo,
      List<String> ieg, boolean specialSource) {
    long total = get(mi, "MemTotal");
    long free = get(mi, "MemFree");
    long buffers = get(mi, "Buffers");
    long cached = get(mi, "Cached") + get(mi, "SReclaimable");
    long available;
    if (mi.containsKey("MemAvailable")) {
      available = mi.get("MemAvailable");
    } else if (mi.containsKey("Active(file)") && mi.containsKey("Inactive(file)")
        && mi.containsKey("SReclaimable")) {
      available = estimateAvailable(mi, zoneinfo.get());
    } else {
      available = cached + free;
    }
    long used = total - free - buffers - cached;
    double usedPercent = percent(used, total);
    Map<String, Long> override = iegOverride(ieg);
    if (override != null) {
      total = override.get("MemTotal");
      free = override.get("MemFree");
      available = free + (override.get("MemUsed") - override.get("MemApp"));
      used = total - available;
      usedPercent = percent(used, total);
    }
    if (specialSource) {
      usedPercent = percent(used, total);
    }
    Map<String, Object> m = new LinkedHashMap<>(64);
    m.put("total", total);
    m.put("available", available);
    m.put("used", used);
    m.put("usedPercent", usedPercent);
    m.put("free", free);
    m.put("active", get(mi, "Active"));
    m.put("inactive", get(mi, "Inactive"));
    m.put("wired", 0L);
    m.put("laundry", 0L);
    m.put("buffers", buffers);
    m.put("cached", cached);
    m.put("writeBack", get(mi, "Writeback"));
    m.put("dirty", get(mi, "Dirty"));
    m.put("writeBackTmp", get(mi, "WritebackTmp"));
    m.put("shared", get(mi, "Shmem"));
    m.put("slab", get(mi, "Slab"));
    m.put("sreclaimable", get(mi, "SReclaimable"));
    m.put("sunreclaim", get(mi, "SUnreclaim"));
    m.put("pageTables", get(mi, "PageTables"));
    m.put("swapCached", get(mi, "SwapCached"));
    m.put("commitLimit", get(mi, "CommitLimit"));
    m.put("committedAS", get(mi, "Committed_AS"));
    m.put("highTotal", get(mi, "HighTotal"));
    m.put("highFree", get(mi, "HighFree"));
    m.put("lowTotal", get(mi, "LowTotal"));
    m.put("lowFree", get(mi, "LowFree"));
    m.put("swapTotal", get(mi, "SwapTotal"));
    m.put("swapFree", get(mi, "SwapFree"));
    m.put("mapped", get(mi, "Mapped"));
    m.put("vmallocTotal", get(mi, "VmallocTotal"));
    m.put("vmallocUsed", get(mi, "VmallocUsed"));
    m.put("vmallocChunk", get(mi, "VmallocChunk"));
    m.put("hugePagesTotal", get(mi, "HugePages_Total"));
    m.put("hugePagesFree", get(mi, "HugePages_Free"));
    m.put("hugePagesRsvd", get(mi, "HugePages_Rsvd"));
    m.put("hugePagesSurp", get(mi, "HugePages_Surp"));
    m.put("hugePageSize", get(mi, "Hugepagesize"));
    return m;
  }

  /**
   * The {@code vmstat} (swap) object. {@code sin}/{@code sout} are swapped pages × 4096 = bytes.
   * {@code pgIn}/{@code pgOut}/{@code pgFault}/{@code pgMajFault} keep the original's × 4096
   * although the kernel counts KB and events there (gap 10): downstream dashboards are built on
   * those numbers, so they stay byte-compatible (see README).
   */
  static Map<String, Object> swap(Map<String, Long> mi, Map<String, Long> vm) {
    long total = get(mi, "SwapTotal");
    long free = get(mi, "SwapFree");
    long used = total - free;
    Map<String, Object> m = new LinkedHashMap<>(16);
    m.put("total", total);
    m.put("used", used);
    m.put("free", free);
    m.put("usedPercent", total == 0 ? 0.0 : used * 100.0 / total);
    m.put("sin", get(vm, "pswpin") * PAGE);
    m.put("sout", get(vm, "pswpout") * PAGE);
    m.put("pgIn", get(vm, "pgpgin") * PAGE);
    m.put("pgOut", get(vm, "pgpgout") * PAGE);
    m.put("pgFault", get(vm, "pgfault") * PAGE);
    m.put("pgMajFault", get(vm, "pgmajfault") * PAGE);
    return m;
  }

  /** The original's bound: a percentage outside 0..100 is reported as 0. */
  static double percent(long part, long whole) {
    if (whole == 0) {
      return 0;
    }
    double p = part * 100.0 / whole;
    return p < 0 || p > 100 ? 0 : p;
  }

  /** The kernel's MemAvailable estimate for kernels before 3.14 (gopsutil's formula). */
  static long estimateAvailable(Map<String, Long> mi, List<String> zoneinfo) {
    long low = 0;
    for (String line : zoneinfo) {
      String[] f = Numbers.fields(line);
      if (f.length == 2 && f[0].equals("low")) {
        low += Numbers.counterOr(f[1], 0);
      }
    }
    low *= PAGE;
    long free = get(mi, "MemFree");
    long pageCache = get(mi, "Active(file)") + get(mi, "Inactive(file)");
    long reclaimable = get(mi, "SReclaimable");
    double avail = free - low;
    avail += pageCache - Math.min(pageCache / 2.0, low);
    avail += reclaimable - Math.min(reclaimable / 2.0, low);
    return avail < 0 ? 0 : (long) avail;
  }

  /**
   * The "IEG" container file ({@code /dev/shm/ieg_dockervm_meminfo}, {@code Key: value kB}); null
   * unless it has all of MemTotal, MemFree, MemUsed and MemApp.
   */
  static Map<String, Long> iegOverride(List<String> lines) {
    if (lines.isEmpty()) {
      return null;
    }
    Map<String, Long> m = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = Numbers.fields(line);
      if (f.length >= 2 && f[0].endsWith(":")) {
        long v = Numbers.counterOr(f[1], -1);
        if (v >= 0) {
          m.put(f[0].substring(0, f[0].length() - 1), v * 1024);
        }
      }
    }
    return m.keySet().containsAll(List.of("MemTotal", "MemFree", "MemUsed", "MemApp")) ? m : null;
  }

  static long get(Map<String, Long> m, String key) {
    Long v = m.get(key);
    return v == null ? 0 : v;
  }
}
