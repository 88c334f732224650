package io.bkmonitorbeat.plugin.procconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.PolledCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 6: procconf writing into a temporary directory, with the reload requests observed. */
class ProcconfCollectorTest {
  @TempDir Path dir;

  private TestContext context(Map<String, ?> settings) {
    return new TestContext(TestContext.task(dir.resolve("bkmonitorbeat.conf").toString(), settings));
  }

  private static PolledCollector create(TestContext context) {
    Collector collector = new ProcconfCollectorProvider().create(context);
    return (PolledCollector) collector;
  }

  private Map<String, Object> settings(Path dst) {
    return Map.of("task_id", 103, "perfdataid", 1007, "portdataid", 1013, "converge_pid", true,
        "hostfilepath", "/var/lib/gse/host/hostid", "dst_dir", dst.toString());
  }

  @Test
  void writesTheProcessbeatConfigAndRequestsOneReload() throws Exception {
    Path dst = dir.resolve("etc/bkmonitorbeat");
    TestContext context = context(settings(dst));
    context.cmdb = ProcessDefinitionTest.CMDB;

    create(context).collect(Instant.MAX);

    Path file = dst.resolve("bkmonitorbeat_processbeat.conf");
    String expected = Files.readString(
        Path.of(getClass().getResource("/expected-processbeat.conf").toURI()));
    assertThat(Files.readString(file)).isEqualTo(expected);
    assertThat(context.reloads).containsExactly("wrote " + file);
    assertThat(context.events).isEmpty();
  }

  @Test
  void unchangedProcessListMeansNoWriteAndNoReload() throws Exception {
    Path dst = dir.resolve("out");
    TestContext context = context(settings(dst));
    context.cmdb = ProcessDefinitionTest.CMDB;
    PolledCollector collector = create(context);
    collector.collect(Instant.MAX);
    Path file = dst.resolve("bkmonitorbeat_processbeat.conf");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    Object inode = Files.getAttribute(file, "unix:ino");

    collector.collect(Instant.MAX);
    // A new snapshot object with equal content (the host re-read an unchanged file).
    context.cmdb = new HostCmdb(true, "10.0.0.5", "203.0.113.7", ProcessDefinitionTest.CMDB.processes());
    collector.collect(Instant.MAX);

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
    assertThat(context.reloads).hasSize(1);
  }

  @Test
  void aChangedProcessListRewritesAndReloadsAgain() throws Exception {
    Path dst = dir.resolve("out");
    TestContext context = context(settings(dst));
    context.cmdb = ProcessDefinitionTest.CMDB;
    PolledCollector collector = create(context);
    collector.collect(Instant.MAX);

    context.cmdb = new HostCmdb(true, "10.0.0.5", "", List.of(
        new HostCmdb.Process("sshd", "ssh", "2", "22", "1", "", true, List.of())));
    collector.collect(Instant.MAX);

    String text = Files.readString(dst.resolve("bkmonitorbeat_processbeat.conf"));
    assertThat(text).contains("- name: sshd").doesNotContain("nginx");
    assertThat(context.reloads).hasSize(2);

    context.cmdb = new HostCmdb(true, "10.0.0.5", "", List.of());
    collector.collect(Instant.MAX);
    // An empty CMDB list is still written (processbeat then runs nothing), as in the original.
    assertThat(Files.readString(dst.resolve("bkmonitorbeat_processbeat.conf")))
        .contains("processes: []\n");
    assertThat(context.reloads).hasSize(3);
  }

  @Test
  void noHostIdFileLeavesTheExistingConfigAlone() throws Exception {
    Path dst = Files.createDirectories(dir.resolve("out"));
    Path file = Files.writeString(dst.resolve("bkmonitorbeat_processbeat.conf"), "keep me\n");
    TestContext context = context(settings(dst));

    PolledCollector collector = create(context);
    collector.collect(Instant.MAX);
    collector.collect(Instant.MAX);

    assertThat(Files.readString(file)).isEqualTo("keep me\n");
    assertThat(context.reloads).isEmpty();
  }

  @Test
  void safeModesAndDefaultDirectoryNextToTheMainFile_gap17() throws Exception {
    TestContext context = context(Map.of("task_id", 103, "perfdataid", 1007));
    context.cmdb = ProcessDefinitionTest.CMDB;

    create(context).collect(Instant.MAX);

    Path dst = dir.resolve("bkmonitorbeat");
    Path file = dst.resolve("bkmonitorbeat_processbeat.conf");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dst)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(Files.readString(file)).contains("perfdataid: 1007", "portdataid: 0",
        "converge_pid: false");
  }

  @Test
  void aRefusedReloadDoesNotFailTheRun() throws Exception {
    TestContext context = context(settings(dir.resolve("out")));
    context.cmdb = ProcessDefinitionTest.CMDB;
    context.reloadAccepted = false;

    create(context).collect(Instant.MAX);

    assertThat(dir.resolve("out/bkmonitorbeat_processbeat.conf")).exists();
    assertThat(context.reloads).hasSize(1);
  }

  @Test
  void allDataIdsZeroMeansAnIdleTask() throws Exception {
    TestContext context = context(Map.of("task_id", 103, "dst_dir", dir.resolve("out").toString()));
    context.cmdb = ProcessDefinitionTest.CMDB;

    create(context).collect(Instant.MAX);

    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(context.reloads).isEmpty();
  }
}
