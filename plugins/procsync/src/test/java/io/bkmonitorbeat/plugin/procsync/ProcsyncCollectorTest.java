package io.bkmonitorbeat.plugin.procsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.PolledCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 8.3: procsync materialising source files into a temporary child-config directory. */
class ProcsyncCollectorTest {
  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path dir;
  private Path src;
  private Path dst;
  private TestContext context;
  private PolledCollector collector;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectories(dir.resolve("etc/processbeat"));
    dst = dir.resolve("etc/bkmonitorbeat");
    context = new TestContext(TestContext.task(dir.resolve("bkmonitorbeat.conf").toString(),
        Map.of("task_id", 104, "dst_dir", dst + "/"))); // the trailing slash is harmless (gap 18)
    collector = (PolledCollector) new ProcsyncCollectorProvider().create(context);
  }

  private Path source(String name, String resourceOrText) throws Exception {
    return Files.write(src.resolve(name), resourceOrText.endsWith(".yaml")
        ? ProccustomConfigTest.resource(resourceOrText) : resourceOrText.getBytes());
  }

  private String[] dstNames() throws Exception {
    try (Stream<Path> files = Files.list(dst)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void writesOneChildConfigPerSourceAndRequestsOneReload() throws Exception {
    source("monitor_process_java.conf", "source-java.yaml");
    source("nginx.yaml", "period: 30s\ndataid: 7\nconfig: {match_pattern: nginx}\n");

    collector.collect(Instant.MAX);

    assertThat(dstNames()).containsExactly("monitor_process_java.conf", "monitor_process_nginx.yaml.conf");
    assertThat(Files.readString(dst.resolve("monitor_process_java.conf")))
        .startsWith("name: proccustom_task\n").contains("match_pattern: java\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dst.resolve("monitor_process_java.conf")))).isEqualTo("rw-r--r--");
    assertThat(context.reloads).singleElement().asString()
        .contains("wrote monitor_process_java.conf", "wrote monitor_process_nginx.yaml.conf");
    assertThat(context.events).isEmpty();
  }

  @Test
  void unchangedSourcesMeanNoWriteAndNoReload_gap18() throws Exception {
    source("monitor_process_java.conf", "source-java.yaml");
    source("nginx.yaml", "period: 30s\ndataid: 7\nconfig: {match_pattern: nginx}\n");
    collector.collect(Instant.MAX);
    Path nginx = dst.resolve("monitor_process_nginx.yaml.conf");
    Files.setLastModifiedTime(nginx, OLD);
    Object inode = Files.getAttribute(nginx, "unix:ino");

    collector.collect(Instant.MAX);
    collector.collect(Instant.MAX);

    // The original rewrote a source not named monitor_process* and reloaded on every run.
    assertThat(Files.getLastModifiedTime(nginx)).isEqualTo(OLD);
    assertThat(Files.getAttribute(nginx, "unix:ino")).isEqualTo(inode);
    assertThat(context.reloads).hasSize(1);
  }

  @Test
  void changedAndRemovedSourcesUpdateOnlyTheirFiles() throws Exception {
    source("monitor_process_a.conf", "period: 1m\ndataid: 1\nconfig: {match_pattern: a}\n");
    source("monitor_process_b.conf", "period: 1m\ndataid: 2\nconfig: {match_pattern: b}\n");
    Files.createDirectories(dst);
    Files.writeString(dst.resolve("monitor_process_stale.conf"), "old\n");
    Files.writeString(dst.resolve("bkmonitorbeat_tcp.conf"), "not ours\n");
    collector.collect(Instant.MAX);
    assertThat(dstNames()).containsExactly("bkmonitorbeat_tcp.conf", "monitor_process_a.conf",
        "monitor_process_b.conf");
    Files.setLastModifiedTime(dst.resolve("monitor_process_a.conf"), OLD);

    source("monitor_process_b.conf", "period: 1m\ndataid: 2\nconfig: {match_pattern: bb}\n");
    collector.collect(Instant.MAX);
    assertThat(Files.readString(dst.resolve("monitor_process_b.conf"))).contains("match_pattern: bb");
    assertThat(Files.getLastModifiedTime(dst.resolve("monitor_process_a.conf"))).isEqualTo(OLD);

    Files.delete(src.resolve("monitor_process_b.conf"));
    collector.collect(Instant.MAX);
    assertThat(dstNames()).containsExactly("bkmonitorbeat_tcp.conf", "monitor_process_a.conf");
    assertThat(context.reloads).hasSize(3);
    assertThat(context.reloads.get(2)).contains("deleted monitor_process_b.conf");
  }

  @Test
  void aBrokenSourceIsSkippedButItsLastOutputIsKept() throws Exception {
    source("monitor_process_a.conf", "period: 1m\ndataid: 1\nconfig: {match_pattern: a}\n");
    source("monitor_process_b.conf", "period: 1m\ndataid: 2\nconfig: {match_pattern: b}\n");
    collector.collect(Instant.MAX);
    String before = Files.readString(dst.resolve("monitor_process_b.conf"));

    source("monitor_process_b.conf", "period: 1m\ndataid: 2\nconfig: {match_pat"); // half written
    source("monitor_process_c.conf", "period: never\n");
    collector.collect(Instant.MAX);

    assertThat(dstNames()).containsExactly("monitor_process_a.conf", "monitor_process_b.conf");
    assertThat(Files.readString(dst.resolve("monitor_process_b.conf"))).isEqualTo(before);
    assertThat(context.reloads).hasSize(1);
  }

  @Test
  void noUsableSourceLeavesTheDestinationAlone() throws Exception {
    Files.createDirectories(dst);
    Files.writeString(dst.resolve("monitor_process_x.conf"), "kept\n");
    collector.collect(Instant.MAX); // empty source directory
    Files.delete(src);
    collector.collect(Instant.MAX); // no source directory at all

    assertThat(dstNames()).containsExactly("monitor_process_x.conf");
    assertThat(context.reloads).isEmpty();
  }

  @Test
  void settings() {
    assertThat(ProcsyncCollectorProvider.class).isNotNull();
    assertThat(ProcsyncSettings.parse(TestContext.task("m.conf",
        Map.of("dst_dir", "/usr/local/gse/plugins/etc/bkmonitorbeat/"))).srcDir())
        .isEqualTo(Path.of("/usr/local/gse/plugins/etc/processbeat"));
    assertThatThrownBy(() -> new ProcsyncCollectorProvider().create(
        new TestContext(TestContext.task("m.conf", Map.of()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("m.conf: procsync_task.dst_dir: is required");
    assertThat(new ProcsyncCollectorProvider().create(
        new TestContext(TestContext.task("m.conf", 0, Map.of()))))
        .isInstanceOf(ProcsyncCollectorProvider.Idle.class);
    assertThat(ProcsyncCollector.destinationName("monitor_process.conf"))
        .isEqualTo("monitor_process.conf");
    assertThat(ProcsyncCollector.destinationName("java")).isEqualTo("monitor_process_java.conf");
  }
}
