package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsReleaseTest {
  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void centos7() throws Exception {
    write("/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n");
    write("/etc/os-release", "ID=\"centos\"\nVERSION_ID=\"7\"\n");
    assertThat(OsRelease.read(new ProcFs(root))).isEqualTo(new OsRelease("centos", "rhel", "7.9.2009"));
  }

  @Test
  void ubuntuFromLsbRelease() throws Exception {
    write("/etc/debian_version", "bookworm/sid\n");
    write("/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\n");
    assertThat(OsRelease.read(new ProcFs(root))).isEqualTo(new OsRelease("ubuntu", "debian", "22.04"));
  }

  @Test
  void debian() throws Exception {
    write("/etc/debian_version", "12.5\n");
    write("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    assertThat(OsRelease.read(new ProcFs(root))).isEqualTo(new OsRelease("debian", "debian", "12.5"));
  }

  @Test
  void osReleaseOnly() throws Exception {
    write("/etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n");
    assertThat(OsRelease.read(new ProcFs(root))).isEqualTo(new OsRelease("alpine", "alpine", "3.19.1"));
  }
}
