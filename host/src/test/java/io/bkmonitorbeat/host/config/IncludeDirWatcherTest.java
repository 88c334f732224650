package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeDirWatcherTest {
  @TempDir Path dir;
  private final BlockingQueue<Long> fired = new LinkedBlockingQueue<>();

  private IncludeDirWatcher watcher(boolean recursive, Duration scan) {
    return new IncludeDirWatcher(dir, recursive, Duration.ofMillis(300), scan,
        r -> new Thread(r, "include-test"), () -> fired.add(System.nanoTime()));
  }

  @Test
  void aBurstOfChangesFiresOnce() throws Exception {
    try (IncludeDirWatcher watcher = watcher(false, Duration.ofMillis(100))) {
      watcher.start();
      Thread.sleep(200); // let it take its first snapshot
      for (int i = 0; i < 5; i++) {
        Files.writeString(dir.resolve("f" + i + ".conf"), "x" + i);
        Thread.sleep(50);
      }
      assertThat(fired.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(fired.poll(1, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void changesInSubDirectoriesAreSeenWhenRecursive() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    try (IncludeDirWatcher watcher = watcher(true, Duration.ofSeconds(30))) {
      watcher.start();
      Thread.sleep(200);
      Files.writeString(dir.resolve("sub/a.conf"), "x");
      assertThat(fired.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void nothingFiresWithoutChanges() throws Exception {
    Files.writeString(dir.resolve("a.conf"), "x");
    try (IncludeDirWatcher watcher = watcher(true, Duration.ofMillis(50))) {
      watcher.start();
      assertThat(fired.poll(800, TimeUnit.MILLISECONDS)).isNull();
    }
  }
}
