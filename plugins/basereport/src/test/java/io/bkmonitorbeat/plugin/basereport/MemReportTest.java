package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bkmonitorbeat.hostcommon.KeyValueParser;
import io.bkmonitorbeat.hostcommon.Malformed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemReportTest {
  static final Map<String, Long> MEMINFO = KeyValueParser.parse("""
      MemTotal:        8000000 kB
      MemFree:         1000000 kB
      MemAvailable:    5000000 kB
      Buffers:          200000 kB
      Cached:          3000000 kB
      SwapCached:         1240 kB
      Active:          3832352 kB
      Inactive:        3180820 kB
      Active(file):    1875364 kB
      Inactive(file):  2483440 kB
      SwapTotal:       2000000 kB
      SwapFree:        1500000 kB
      Dirty:               124 kB
      Writeback:             8 kB
      Mapped:           219240 kB
      Shmem:            167884 kB
      Slab:             556308 kB
      SReclaimable:     400000 kB
      SUnreclaim:        81508 kB
      PageTables:        28672 kB
      WritebackTmp:          0 kB
      CommitLimit:     6094352 kB
      Committed_AS:    6733624 kB
      VmallocTotal:   34359738367 kB
      VmallocUsed:      184832 kB
      VmallocChunk:          0 kB
      HugePages_Total:       4
      HugePages_Free:        3
      HugePages_Rsvd:        1
      HugePages_Surp:        0
      Hugepagesize:       2048 kB
      """.lines().toList(), "/proc/meminfo", Malformed.IGNORE);

  @Test
  void gopsutilFormulasAndEveryKey() {
    Map<String, Object> m = MemReport.meminfo(MEMINFO, List::of, List.of(), false);
    assertThat(m.keySet()).containsExactly("total", "available", "used", "usedPercent", "free",
        "active", "inactive", "wired", "laundry", "buffers", "cached", "writeBack", "dirty",
        "writeBackTmp", "shared", "slab", "sreclaimable", "sunreclaim", "pageTables", "swapCached",
        "commitLimit", "committedAS", "highTotal", "highFree", "lowTotal", "lowFree", "swapTotal",
        "swapFree", "mapped", "vmallocTotal", "vmallocUsed", "vmallocChunk", "hugePagesTotal",
        "hugePagesFree", "hugePagesRsvd", "hugePagesSurp", "hugePageSize");
    long k = 1024;
    assertThat(m.get("total")).isEqualTo(8_000_000 * k);
    assertThat(m.get("cached")).as("Cached + SReclaimable").isEqualTo(3_400_000 * k);
    assertThat(m.get("used")).as("total - free - buffers - cached").isEqualTo(3_400_000 * k);
    assertThat((Double) m.get("usedPercent")).isCloseTo(42.5, within(1e-9));
    assertThat(m.get("available")).isEqualTo(5_000_000 * k);
    assertThat(m.get("hugePagesTotal")).isEqualTo(4L);
    assertThat(m.get("hugePageSize")).isEqualTo(2048 * k);
    assertThat(m.get("shared")).isEqualTo(167884 * k);
    assertThat(m.get("writeBack")).isEqualTo(8 * k);
  }

  @Test
  void containerOverrideFile() {
    Map<String, Object> m = MemReport.meminfo(MEMINFO, List::of,
        List.of("MemTotal: 4000000 kB", "MemFree: 1000000 kB", "MemUsed: 2500000 kB",
            "MemApp: 2000000 kB"), false);
    long k = 1024;
    assertThat(m.get("total")).isEqualTo(4_000_000 * k);
    assertThat(m.get("available")).isEqualTo(1_500_000 * k);
    assertThat(m.get("used")).isEqualTo(2_500_000 * k);
    assertThat((Double) m.get("usedPercent")).isCloseTo(62.5, within(1e-9));
  }

  @Test
  void availableEstimatedOnOldKernels() {
    Map<String, Long> old = new java.util.HashMap<>(MEMINFO);
    old.remove("MemAvailable");
    long est = (Long) MemReport.meminfo(old, () -> List.of("  pages free 1", "        low      1000"),
        List.of(), false).get("available");
    long k = 1024;
    long low = 1000 * 4096;
    double expected = 1_000_000 * k - low + (4_358_804 * k - low) + (400_000 * k - low);
    assertThat((double) est).isCloseTo(expected, within(1.0));
  }

  @Test
  void swapObject() {
    Map<String, Long> vm = Map.of("pswpin", 10L, "pswpout", 20L, "pgpgin", 30L, "pgpgout", 40L,
        "pgfault", 50L, "pgmajfault", 60L);
    Map<String, Object> s = MemReport.swap(MEMINFO, vm);
    assertThat(s.keySet()).containsExactly("total", "used", "free", "usedPercent", "sin", "sout",
        "pgIn", "pgOut", "pgFault", "pgMajFault");
    assertThat(s.get("used")).isEqualTo(500_000L * 1024);
    assertThat((Double) s.get("usedPercent")).isCloseTo(25.0, within(1e-9));
    assertThat(s.get("sin")).isEqualTo(40960L);
    assertThat(s.get("pgMajFault")).isEqualTo(60L * 4096);
  }
}
