package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountParserTest {

  @Test
  void mountinfoWithEscapesBindMountsAndABadLine() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    List<Mount> m = MountParser.parseMountInfo(Fixtures.lines("mountinfo-centos7.txt"), "mi", r);
    assertThat(m).hasSize(9);
    assertThat(r.lines).containsExactly("mi: bad line without separator");
    Mount data = m.get(4);
    assertThat(data).isEqualTo(new Mount("/dev/vdb1", "/data disk", "ext4",
        List.of("rw", "noatime"), "/", "253:17"));
    assertThat(m.get(5).root()).isEqualTo("/export");
    assertThat(m.get(3).device()).isEqualTo("/dev/vda1");
  }

  @Test
  void procMountsOfOldKernels() {
    List<Mount> m = MountParser.parseMounts(Fixtures.lines("mounts-2.6.txt"), "m", Malformed.IGNORE);
    assertThat(m).extracting(Mount::mountPoint)
        .containsExactly("/", "/", "/proc", "/home dir", "/dev/shm");
  }

  @Test
  void thisMachinesMountinfo() {
    Fixtures.Recorder r = new Fixtures.Recorder();
    List<Mount> m = MountParser.parseMountInfo(Fixtures.lines("mountinfo-6.18.txt"), "mi", r);
    assertThat(r.lines).isEmpty();
    assertThat(m).extracting(Mount::mountPoint).contains("/", "/proc");
  }

  @Test
  void unescapesOnlyOctalTriples() {
    assertThat(MountParser.unescape("/a\\011b\\134c\\9x\\04")).isEqualTo("/a\tb\\c\\9x\\04");
  }
}
