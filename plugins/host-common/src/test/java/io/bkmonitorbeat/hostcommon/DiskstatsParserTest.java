package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiskstatsParserTest {

  @Test
  void parsesNvmeLoopDmAndCountsShortLines() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    List<DiskStat> d = DiskstatsParser.parse(Fixtures.lines("diskstats-5.15-nvme-loop.txt"), r);
    assertThat(d).extracting(DiskStat::name).containsExactly("loop0", "loop1", "nvme0n1",
        "nvme0n1p1", "nvme0n1p2", "sda", "sda1", "dm-0", "sr0", "md0");
    assertThat(r.lines).containsExactly("/proc/diskstats:    8      16 sdb 1 2 3");
    DiskStat nvme = d.get(2);
    assertThat(nvme).isEqualTo(new DiskStat(259, 0, "nvme0n1", 1264511, 41133, 119934412, 293148,
        5628713, 4112877, 211530656, 3215489, 0, 1866220, 3508637));
    assertThat(d.get(1).allZero()).isTrue();
    assertThat(nvme.allZero()).isFalse();
  }

  @Test
  void parsesThe14ColumnFormatOf310() {
    List<DiskStat> d = DiskstatsParser.parse(Fixtures.lines("diskstats-3.10.txt"), Malformed.IGNORE);
    assertThat(d).hasSize(3);
    assertThat(d.get(0).weightedIO()).isEqualTo(10054346);
  }
}
