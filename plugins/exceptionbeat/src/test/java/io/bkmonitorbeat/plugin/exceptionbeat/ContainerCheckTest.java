package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 4.6's conditions for turning OOM detection off, under a fake root. */
class ContainerCheckTest {
  @TempDir Path root;

  private void files(String mounts, String sched) throws Exception {
    Files.createDirectories(root.resolve("proc/self"));
    Files.createDirectories(root.resolve("proc/1"));
    Files.writeString(root.resolve("proc/self/mounts"), mounts);
    Files.writeString(root.resolve("proc/1/sched"), sched);
  }

  @Test
  void aHostIsNotAContainer() throws Exception {
    files("cgroup /sys/fs/cgroup/memory cgroup ro,memory 0 0\n", "bash (4242, #threads: 1)\n");
    assertThat(ContainerCheck.oomDisabledReason(root)).as("no /.dockerenv").isEmpty();
  }

  @Test
  void dockerenvWithAReadOnlyCgroupOrAForeignPidOne() throws Exception {
    Files.createFile(root.resolve(".dockerenv"));
    files("cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n",
        "systemd (1, #threads: 1)\n---------\nse.exec_start : 1.0\n");
    assertThat(ContainerCheck.oomDisabledReason(root)).as("privileged container sharing pid 1")
        .isEmpty();
    Files.writeString(root.resolve("proc/1/sched"), "systemd (963838, #threads: 1)\n");
    assertThat(ContainerCheck.oomDisabledReason(root)).get().asString().contains("/proc/1/sched");
    Files.writeString(root.resolve("proc/self/mounts"),
        "cgroup /sys/fs/cgroup/memory cgroup ro,nosuid,memory 0 0\n");
    assertThat(ContainerCheck.oomDisabledReason(root)).get().asString().contains("read-only cgroup");
  }

  @Test
  void iegDockerHost() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.createFile(root.resolve("etc/ieg-docker.conf"));
    assertThat(ContainerCheck.oomDisabledReason(root)).get().asString().contains("ieg-docker");
  }

  @Test
  void schedFirstLine() {
    assertThat(ContainerCheck.schedPidNotOne("process_api (1, #threads: 16)")).isFalse();
    assertThat(ContainerCheck.schedPidNotOne("my (odd) name (77, #threads: 2)")).isTrue();
    assertThat(ContainerCheck.schedPidNotOne("")).isFalse();
  }
}
