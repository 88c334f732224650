package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoParserTest {

  @Test
  void x86() {
    List<CpuInfo> l = CpuInfoParser.parse(Fixtures.lines("cpuinfo-x86.txt"));
    assertThat(l).hasSize(2);
    CpuInfo c = l.get(0);
    assertThat(c.cpu()).isZero();
    assertThat(c.vendorId()).isEqualTo("GenuineIntel");
    assertThat(c.family()).isEqualTo("6");
    assertThat(c.model()).isEqualTo("167");
    assertThat(c.modelName()).isEqualTo("Intel(R) Xeon(R) Processor");
    assertThat(c.stepping()).isEqualTo(1);
    assertThat(c.mhz()).isEqualTo(2599.996);
    assertThat(c.cacheSize()).isEqualTo(491520);
    assertThat(c.physicalId()).isEqualTo("0");
    assertThat(c.coreId()).isEqualTo("0");
    assertThat(c.microcode()).isEqualTo("0x1");
    assertThat(c.flags()).contains("fpu", "hypervisor", "avx2");
    assertThat(l.get(1).cpu()).isEqualTo(1);
  }

  @Test
  void arm64HasNoModelName() {
    List<CpuInfo> l = CpuInfoParser.parse(Fixtures.lines("cpuinfo-arm64.txt"));
    assertThat(l).hasSize(2);
    assertThat(l.get(1).vendorId()).isEqualTo("0x41");
    assertThat(l.get(1).model()).isEqualTo("0xd0c");
    assertThat(l.get(1).modelName()).isEmpty();
    assertThat(l.get(1).flags()).contains("asimd");
  }
}
