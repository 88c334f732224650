package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec 4.5 and gap 29 on real directories and the JDK's inotify watch: the kernel's
 * core_pattern and core_uses_pid are replaced by files of the test (the machine's are never
 * touched), and core files are written the way the kernel writes them, as new files.
 */
class CoreFileDetectorTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final byte[] ELF_CORE = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      4, 0}; // ELF64 header start, e_type ET_CORE

  @TempDir Path dir;
  private Path patternFile;
  private Path usesPidFile;
  private Path cores;
  private final Stats stats = new Stats();
  private final TestContext context =
      new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("unused"));
  private final Publisher publisher = new Publisher(
      new AlarmEnvelope(1000, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"), context::hostIdentity),
      context.sink(), stats);
  private CoreFileDetector detector;
  private Thread thread;

  @BeforeEach
  void files() throws Exception {
    cores = Files.createDirectories(dir.resolve("cores"));
    patternFile = dir.resolve("core_pattern");
    usesPidFile = Files.writeString(dir.resolve("core_uses_pid"), "0\n");
    Files.writeString(patternFile, cores + "/core_%e_%s_%t\n");
  }

  private void start(String configured, Optional<Pattern> regex, Duration gap) throws Exception {
    startWithoutWaiting(configured, regex, gap);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (detector.watched().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private void startWithoutWaiting(String configured, Optional<Pattern> regex, Duration gap) {
    detector = new CoreFileDetector(new CorePatternSource(configured, patternFile, usesPidFile),
        regex, gap, Duration.ofMillis(200), publisher, stats, Clock.systemUTC());
    thread = new Thread(detector, "corefile-test");
    thread.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (detector != null) {
      detector.close();
      thread.join(5_000);
      assertThat(thread.isAlive()).as("the watcher thread ends after close").isFalse();
    }
  }

  private static void writeCore(Path file) throws Exception {
    Files.write(file, ELF_CORE);
  }

  @Test
  void aNewCoreFileIsAnEventWithTheDimensionsOfItsName() throws Exception {
    writeCore(cores.resolve("old_core_before_start"));
    start("", Optional.empty(), Duration.ofMinutes(1));
    Path core = cores.resolve("core_nginx_11_1607502386");
    writeCore(core);

    Event event = context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
    assertThat(TestContext.extra(event)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "bizid", 2, "cloudid", 3, "host", "10.0.0.5", "type", 7, "corefile", core.toString(),
        "filesize", 0, "executable", "nginx", "signal", "SIGSEGV", "count", 1L));
    assertThat(event.fields()).containsEntry("utctime", "2020-12-09 16:26:26")
        .containsEntry("utctime2", "2020-12-09 08:26:26");
    assertThat(context.events).as("files present at start are not new").hasSize(1);
    assertThat(stats.coreFiles.get()).isEqualTo(1);
  }

  @Test
  void coreFilesInSubDirectoriesAreSeenGap29() throws Exception {
    Path existing = Files.createDirectories(cores.resolve("existing"));
    start("", Optional.empty(), Duration.ofMinutes(1));
    // start() returns once the root is watched; files created before a sub-directory is
    // registered count as present at start, so wait for it too.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!detector.watched().contains(existing) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Path inExisting = cores.resolve("existing/core_a_6_1700000000");
    writeCore(inExisting);
    context.await(WAIT, extra -> inExisting.toString().equals(extra.get("corefile")));

    Path nested = Files.createDirectories(cores.resolve("new/deeper"));
    Path inNew = nested.resolve("core_b_6_1700000001");
    writeCore(inNew);
    Event event = context.await(WAIT, extra -> inNew.toString().equals(extra.get("corefile")));
    assertThat(TestContext.extra(event)).containsEntry("executable", "b")
        .containsEntry("signal", "SIGABRT");
  }

  @Test
  void aChangedCorePatternIsNoticedWhileRunningGap29() throws Exception {
    start("", Optional.empty(), Duration.ofMinutes(1));
    Path moved = Files.createDirectories(dir.resolve("moved"));
    Files.writeString(patternFile, moved + "/%e.core\n");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!detector.watched().contains(moved) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(detector.watched()).containsExactly(moved);
    Path core = moved.resolve("redis-server.core");
    writeCore(core);
    Event event = context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
    assertThat(TestContext.extra(event)).containsEntry("executable", "redis-server");
  }

  @Test
  void namesOfAnotherShapeAreIgnoredAndUsesPidSuffixesAreCut() throws Exception {
    Files.writeString(usesPidFile, "1\n");
    start("", Optional.empty(), Duration.ofMinutes(1));
    writeCore(cores.resolve("notes.txt"));
    Path core = cores.resolve("core_java_6_1700000000.4242");
    writeCore(core);
    context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
    assertThat(context.events).hasSize(1);
    assertThat(stats.coreFilesIgnored.get()).isEqualTo(1);
  }

  @Test
  void corefileMatchRegexDecidesWhatIsACoreFile() throws Exception {
    start(cores + "/core.%p", Optional.of(Pattern.compile("^(core|dump)\\.")), Duration.ofMinutes(1));
    writeCore(cores.resolve("core.123"));
    context.await(WAIT, extra -> extra.get("corefile").toString().endsWith("core.123"));
    writeCore(cores.resolve("other.1"));
    writeCore(cores.resolve("dump.x")); // no dimensions either: same key "--", counted
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (stats.coreFiles.get() + stats.coreFilesIgnored.get() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(stats.coreFiles.get()).isEqualTo(2);
    assertThat(stats.coreFilesIgnored.get()).as("other.1 does not match the regex").isEqualTo(1);
    assertThat(context.events).as("dump.x waits for the gap").hasSize(1);
  }

  @Test
  void repeatedCoresOfOneProgramAreCountedAndFlushed() throws Exception {
    start("", Optional.empty(), Duration.ofSeconds(3)); // wide: the three files are one burst
    for (int i = 0; i < 3; i++) {
      writeCore(cores.resolve("core_crashy_11_170000000" + i));
    }
    context.await(WAIT, extra -> Long.valueOf(2).equals(extra.get("count")));
    assertThat(context.events).extracting(e -> TestContext.extra(e).get("count"))
        .containsExactly(1L, 2L);
  }

  @Test
  void aPipedPatternLeavesTheDetectorIdleUntilItChanges() throws Exception {
    Files.writeString(patternFile, "|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n");
    startWithoutWaiting("", Optional.empty(), Duration.ofMinutes(1));
    Thread.sleep(300);
    assertThat(detector.watched()).isEmpty();
    Files.writeString(patternFile, cores + "/core_%e_%s_%t\n");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (detector.watched().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(detector.watched()).containsExactly(cores);
    assertThat(List.copyOf(context.events)).isEmpty();
  }

  @Test
  void subDirectoriesAreWatchedTwoLevelsDeep() throws Exception {
    Path deepest = Files.createDirectories(cores.resolve("a/b/c"));
    start("", Optional.empty(), Duration.ofMinutes(1));
    assertThat(detector.watched()).containsExactlyInAnyOrder(cores, cores.resolve("a"),
        cores.resolve("a/b"));
    writeCore(deepest.resolve("core_deep_6_1700000000"));
    Path core = cores.resolve("a/b/core_shallow_6_1700000000");
    writeCore(core);
    context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
    Thread.sleep(300);
    assertThat(context.events).hasSize(1);
  }

  @Test
  void aRemovedCoreDirectoryIsWatchedAgainWhenItIsBack() throws Exception {
    start("", Optional.empty(), Duration.ofMinutes(1));
    Files.delete(cores);
    await(() -> detector.watched().isEmpty());
    Files.createDirectories(cores);
    await(() -> detector.watched().contains(cores));
    Path core = cores.resolve("core_phoenix_6_1700000000");
    writeCore(core);
    context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(20);
    }
  }
}
