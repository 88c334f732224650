package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostIdWatcherTest {
  @TempDir Path dir;
  private final BlockingQueue<HostIdInfo> changes = new LinkedBlockingQueue<>();

  private HostIdWatcher watcher(Path file, boolean ignore, boolean must, Duration interval) {
    return new HostIdWatcher(new HostIdSettings(file, 10, ignore, must),
        r -> new Thread(r, "hostid-test"), changes::add, interval);
  }

  private static void write(Path file, String text, int second) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }

  @Test
  void keepsTheLastGoodContentWhenTheFileBecomesMalformed() throws Exception {
    Path file = dir.resolve("hostid");
    write(file, "{\"bk_host_innerip\": \"10.0.0.1\", \"bk_cloud_id\": 1}", 1);
    try (HostIdWatcher watcher = watcher(file, false, false, Duration.ofHours(1))) {
      watcher.start();
      assertThat(watcher.current().innerIp()).isEqualTo("10.0.0.1");
      write(file, "{broken", 2);
      assertThat(watcher.refresh()).isFalse();
      assertThat(watcher.current().innerIp()).isEqualTo("10.0.0.1");
      write(file, "{\"bk_host_innerip\": \"10.0.0.2\"}", 3);
      assertThat(watcher.refresh()).isTrue();
      assertThat(watcher.current().innerIp()).isEqualTo("10.0.0.2");
      assertThat(watcher.refresh()).isFalse(); // unchanged stamp: not re-read
    }
  }

  @Test
  void periodicCheckNoticesChanges() throws Exception {
    Path file = dir.resolve("hostid");
    write(file, "{\"bk_host_innerip\": \"10.0.0.1\"}", 1);
    try (HostIdWatcher watcher = watcher(file, false, false, Duration.ofMillis(20))) {
      watcher.start();
      assertThat(changes.poll(5, TimeUnit.SECONDS).innerIp()).isEqualTo("10.0.0.1");
      write(file, "{\"bk_host_innerip\": \"10.0.0.9\"}", 2);
      assertThat(changes.poll(5, TimeUnit.SECONDS).innerIp()).isEqualTo("10.0.0.9");
    }
  }

  @Test
  void ignoreAndMustExist() {
    Path missing = dir.resolve("missing");
    try (HostIdWatcher ignored = watcher(missing, true, true, Duration.ofHours(1))) {
      ignored.start();
      assertThat(ignored.current()).isEqualTo(HostIdFile.IGNORED);
    }
    try (HostIdWatcher must = watcher(missing, false, true, Duration.ofHours(1))) {
      assertThatThrownBy(must::start).isInstanceOf(ConfigException.class)
          .hasMessageContaining(missing.toString());
    }
    try (HostIdWatcher optional = watcher(missing, false, false, Duration.ofHours(1))) {
      optional.start();
      assertThat(optional.current()).isEqualTo(HostIdInfo.EMPTY);
    }
  }
}
