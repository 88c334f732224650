package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueParserTest {

  @Test
  void meminfoKilobytesBecomeBytesAndCountsStayCounts() {
    Map<String, Long> m = KeyValueParser.parse(Fixtures.lines("meminfo-3.10.txt"), "/proc/meminfo",
        Malformed.IGNORE);
    assertThat(m.get("MemTotal")).isEqualTo(7994408L * 1024);
    assertThat(m.get("HugePages_Total")).isZero();
    assertThat(m.get("Hugepagesize")).isEqualTo(2048L * 1024);
    assertThat(m.get("VmallocTotal")).isEqualTo(34359738367L * 1024);
  }

  @Test
  void old26MeminfoHasNoMemAvailable() {
    Map<String, Long> m = KeyValueParser.parse(Fixtures.lines("meminfo-2.6.18.txt"),
        "/proc/meminfo", Malformed.IGNORE);
    assertThat(m).doesNotContainKey("MemAvailable").containsKey("LowTotal");
  }

  @Test
  void vmstatOfThisKernel() {
    Map<String, Long> m = KeyValueParser.parse(Fixtures.lines("vmstat-6.18.txt"), "/proc/vmstat",
        Malformed.IGNORE);
    assertThat(m).containsKeys("pgpgin", "pgpgout", "pswpin", "pswpout", "pgfault", "pgmajfault");
  }

  @Test
  void linesWithoutNumbersAreReported() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    Map<String, Long> m = KeyValueParser.parse(List.of("A: x kB", "B: 2 kB", "C"), "f", r);
    assertThat(m).containsExactly(Map.entry("B", 2048L));
    assertThat(r.lines).hasSize(2);
  }

  @Test
  void onlyTheWantedKeys() {
    Map<String, Long> m = KeyValueParser.parse(Fixtures.lines("vmstat-6.18.txt"), "/proc/vmstat",
        Malformed.IGNORE, java.util.Set.of("pgfault", "pswpin"));
    assertThat(m).containsOnlyKeys("pgfault", "pswpin");
    Map<String, Long> mi = KeyValueParser.parse(Fixtures.lines("meminfo-3.10.txt"),
        "/proc/meminfo", Malformed.IGNORE, java.util.Set.of("MemTotal"));
    assertThat(mi).containsExactly(Map.entry("MemTotal", 7994408L * 1024));
  }
}
