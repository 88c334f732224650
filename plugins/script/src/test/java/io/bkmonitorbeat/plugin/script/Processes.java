package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test helper: whether a process has died (gone, or a zombie waiting for its reaper). */
final class Processes {
  private Processes() {}

  static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - until < 0) {
      if (isDead(pid)) {
        return true;
      }
      Thread.sleep(20);
    }
    return isDead(pid);
  }

  static boolean isDead(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException e) {
      return true;
    }
  }
}
