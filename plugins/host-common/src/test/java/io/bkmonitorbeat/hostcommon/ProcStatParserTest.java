package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatParserTest {

  @Test
  void parsesA310KernelWithAllColumns() {
    ProcStat s = ProcStatParser.parse(Fixtures.lines("stat-3.10-3cpu.txt"), Malformed.IGNORE);
    assertThat(s.total()).isEqualTo(
        new CpuTimes("cpu", 1939426, 2201, 771632, 187226710, 67563, 0, 11876, 0, 0, 0));
    assertThat(s.cpus()).extracting(CpuTimes::name).containsExactly("cpu0", "cpu1", "cpu2");
    assertThat(s.ctxt()).isEqualTo(2234869470L);
    assertThat(s.bootTime()).isEqualTo(1714460000L);
    assertThat(s.processes()).isEqualTo(3357742L);
    assertThat(s.procsRunning()).isEqualTo(2);
    assertThat(s.procsBlocked()).isEqualTo(1);
  }

  @Test
  void aHotAddedCpuAppearsAsAnExtraLine() {
    ProcStat s = ProcStatParser.parse(Fixtures.lines("stat-3.10-4cpu-hotadd.txt"), Malformed.IGNORE);
    assertThat(s.cpus()).extracting(CpuTimes::name).containsExactly("cpu0", "cpu1", "cpu2", "cpu3");
  }

  @Test
  void old26KernelsHaveNoGuestColumns() {
    ProcStat s = ProcStatParser.parse(Fixtures.lines("stat-2.6.18-2cpu.txt"), Malformed.IGNORE);
    assertThat(s.total().steal()).isZero();
    assertThat(s.total().guest()).isZero();
    assertThat(s.total().irq()).isEqualTo(1203);
    assertThat(s.cpus()).hasSize(2);
  }

  @Test
  void thisMachinesKernel() {
    ProcStat s = ProcStatParser.parse(Fixtures.lines("stat-6.18-2cpu.txt"), Malformed.IGNORE);
    assertThat(s.cpus()).hasSize(2);
    assertThat(s.total().total()).isPositive();
  }

  @Test
  void malformedCpuLinesAreReportedAndSkipped() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    ProcStat s = ProcStatParser.parse(java.util.List.of("cpu  1 2 x 4 5", "cpu0 1 2", "cpu1 1 2 3 4 5"), r);
    assertThat(r.lines).hasSize(2);
    assertThat(s.cpus()).extracting(CpuTimes::name).containsExactly("cpu1");
    assertThat(s.total()).isNull();
  }
}
