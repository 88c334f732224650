package io.bkmonitorbeat.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.Children;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessScannerTest {
  private final ProcFs proc = ProcFs.system();

  @Test
  void readsARealChildProcess() throws Exception {
    try (Children.Child sleep = Children.sleep("611.25")) {
      ProcessScanner scanner = new ProcessScanner(proc);
      ProcessInfo info = scanner.read(sleep.pid());
      assertThat(info).isNotNull();
      assertThat(info.name()).isEqualTo("sleep");
      assertThat(info.cmdline()).isEqualTo("sleep 611.25");
      assertThat(info.exe()).endsWith("/sleep");
      assertThat(info.ppid()).isEqualTo((int) ProcessHandle.current().pid());
      assertThat(info.firstToken()).isEqualTo("sleep");
      SystemInfo system = SystemInfo.read(proc);
      long created = system.createdMillis(info.startTicks());
      long expected = sleep.process().info().startInstant().orElseThrow().toEpochMilli();
      assertThat(Math.abs(created - expected)).isLessThan(2000);
      assertThat(scanner.scan()).extracting(ProcessInfo::pid).contains(sleep.pid(), 1);
    }
  }

  @Test
  void processIdentityIsThePidDirectoryInode() throws Exception {
    ProcFs system = ProcFs.system();
    long[] identities = system.listProcesses();
    int[] pids = system.listedPids();
    int self = (int) ProcessHandle.current().pid();
    int index = java.util.Arrays.binarySearch(pids, self);
    assertThat(index).isNotNegative();
    assertThat(identities[index])
        .isEqualTo(((Number) Files.getAttribute(Path.of("/proc/" + self), "unix:ino")).longValue());
    assertThat(pids).isSorted().contains(1);
  }

  @Test
  void anInterruptedScanStops(@TempDir Path root) throws Exception {
    for (int pid = 100; pid < 400; pid++) {
      fakeProcess(root, pid, "app");
    }
    ProcessScanner scanner = new ProcessScanner(new ProcFs(root));
    assertThat(scanner.scan()).hasSize(300);
    Thread.currentThread().interrupt();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(scanner::scan)
          .isInstanceOf(java.util.concurrent.CancellationException.class)
          .hasMessageContaining("of 300 pids");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aVanishedPidReadsAsNull() {
    assertThat(new ProcessScanner(proc).read(Integer.MAX_VALUE - 1)).isNull();
  }

  @Test
  void malformedStatIsCountedAndSkipped(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("12"));
    Files.writeString(root.resolve("12/stat"), "not a stat line");
    Files.createDirectories(root.resolve("13"));
    Files.writeString(root.resolve("13/stat"),
        "13 (ok) R 1 13 13 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 500 0 0\n");
    Files.writeString(root.resolve("13/cmdline"), "ok\0--x\0");
    ProcessScanner scanner = new ProcessScanner(new ProcFs(root));
    assertThat(scanner.scan()).singleElement().satisfies(p -> {
      assertThat(p.pid()).isEqualTo(13);
      assertThat(p.stateName()).isEqualTo("running");
      assertThat(p.cmdline()).isEqualTo("ok --x");
      assertThat(p.exe()).isEmpty();
    });
    assertThat(scanner.malformed()).isEqualTo(1);
  }

  private static void fakeProcess(Path root, int pid, String cmdline) throws Exception {
    Files.createDirectories(root.resolve(Integer.toString(pid)));
    Files.writeString(root.resolve(pid + "/stat"),
        pid + " (app) S 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 500 0 0\n");
    Files.writeString(root.resolve(pid + "/cmdline"), cmdline.replace(' ', '\0'));
  }

  @Test
  void stableProcessesAreCachedButRefreshedAndANewInstanceIsReadAtOnce(@TempDir Path root)
      throws Exception {
    fakeProcess(root, 20, "app --mode one");
    java.nio.file.attribute.FileTime appeared =
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(root.resolve("20"), appeared);
    ProcessScanner scanner = new ProcessScanner(new ProcFs(root));
    scanner.scan();
    scanner.scan(); // read twice, unchanged: stable
    Files.writeString(root.resolve("20/cmdline"), "app\0--mode\0two");
    Files.setLastModifiedTime(root.resolve("20"), appeared);
    java.util.List<String> seen = new java.util.ArrayList<>();
    for (int i = 0; i < ProcessScanner.REFRESH_EVERY; i++) {
      seen.add(scanner.scan().get(0).cmdline());
    }
    assertThat(seen).as("cached at first, re-read within REFRESH_EVERY scans")
        .contains("app --mode one").endsWith("app --mode two");
    assertThat(scanner.cacheHits()).isPositive();
    assertThat(scanner.refresh(scanner.scan())).singleElement()
        .satisfies(p -> assertThat(p.cmdline()).isEqualTo("app --mode two"));

    scanner.scan();
    scanner.scan(); // stable again
    Files.writeString(root.resolve("20/cmdline"), "other");
    Files.setLastModifiedTime(root.resolve("20"),
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_005_000L)); // pid reused
    assertThat(scanner.scan().get(0).cmdline()).as("a new instance of the pid").isEqualTo("other");
    fakeProcess(root, 21, "new");
    assertThat(scanner.scan()).extracting(ProcessInfo::pid).containsExactly(20, 21);
  }

  @Test
  void uidAndUserNameComeFromStatusAndPasswd(@TempDir Path dir) throws Exception {
    assertThat(ProcessDetails.parseUid("Name:\tx\nUid:\t1001\t1001\t1001\t1001\n")).isEqualTo(1001);
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\napp:x:1001:1001::/home/app:/bin/sh\nbad\n");
    UserNames names = new UserNames(passwd, System::nanoTime);
    assertThat(names.name(1001)).isEqualTo("app");
    assertThat(names.name(4242)).isEqualTo("4242");
    ProcessDetails details = new ProcessDetails(proc, UserNames.system());
    assertThat(details.username((int) ProcessHandle.current().pid())).isEqualTo(System.getProperty("user.name"));
  }
}
