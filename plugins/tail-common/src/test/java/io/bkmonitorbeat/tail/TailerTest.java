package io.bkmonitorbeat.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailerTest {
  private static final ThreadFactory THREADS = r -> {
    Thread t = new Thread(r, "tailer-test");
    t.setDaemon(true);
    return t;
  };

  @TempDir Path dir;
  private long clock = 1_000_000_000L;

  private TailSettings settings(String glob, TailSettings.StartPosition start) {
    return TailSettings.of(List.of(dir.resolve(glob).toString()), List.of(Pattern.compile("\\.gz$")),
        dir.resolve("state/registry"), start).withFingerprintBytes(64);
  }

  private Tailer open(TailSettings settings, Lines lines) throws IOException {
    Tailer tailer = new Tailer("test", settings, lines, THREADS);
    tailer.open();
    return tailer;
  }

  /** A round with a scan (the scan interval is 5 s; the fake clock jumps past it). */
  private void scanRound(Tailer tailer) {
    clock += Duration.ofSeconds(6).toNanos();
    tailer.round(clock);
  }

  private void drain(Tailer tailer) {
    for (int i = 0; i < 100; i++) {
      clock += 1_000_000L;
      if (tailer.round(clock) == 0) {
        return;
      }
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String lines(String prefix, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(prefix).append(' ').append(i).append(" some log text to make the line longer\n");
    }
    return sb.toString();
  }

  private static List<String> expected(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + " " + i + " some log text to make the line longer").toList();
  }

  @Test
  void readsExistingLinesFromTheBeginningAndThenAppendedOnes() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 10));
    Lines got = new Lines();
    Tailer tailer = open(settings("*.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    append(log, lines("a", 10, 20));
    drain(tailer);
    assertThat(got.lines).containsExactlyElementsOf(expected("a", 0, 20));
    assertThat(got.files).containsOnly(log.toRealPath());
  }

  @Test
  void firstRunAtEndSkipsWhatWasThere() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("old", 0, 10));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.END), got);
    scanRound(tailer);
    append(log, lines("new", 0, 3));
    drain(tailer);
    assertThat(got.lines).containsExactlyElementsOf(expected("new", 0, 3));
  }

  @Test
  void unfinishedLineWaitsForItsEndAndCrLfIsStripped() throws IOException {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    append(log, "abc");
    drain(tailer);
    assertThat(got.lines).isEmpty();
    append(log, "def\r\nxyz\n");
    drain(tailer);
    assertThat(got.lines).containsExactly("abcdef", "xyz");
  }

  @Test
  void renameRotationLosesAndRepeatsNothing() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 5));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    append(log, lines("a", 5, 10)); // not read before the rotation
    Path rotated = dir.resolve("app.log.1");
    Files.move(log, rotated);
    append(rotated, lines("a", 10, 12)); // the writer still had the old file open
    append(log, lines("b", 0, 5)); // the new file
    scanRound(tailer);
    drain(tailer);
    scanRound(tailer);
    drain(tailer);
    List<String> want = new ArrayList<>(expected("a", 0, 12));
    want.addAll(expected("b", 0, 5));
    assertThat(got.lines).containsExactlyInAnyOrderElementsOf(want);
    assertThat(got.lines.subList(0, 12)).containsExactlyElementsOf(expected("a", 0, 12));
  }

  @Test
  void renameWithinTheGlobsKeepsTheOffset() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 5));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log*", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    Files.move(log, dir.resolve("app.log.1"));
    append(log, lines("b", 0, 2));
    scanRound(tailer);
    drain(tailer);
    assertThat(got.lines).hasSize(7).containsAll(expected("a", 0, 5)).containsAll(expected("b", 0, 2));
  }

  @Test
  void copytruncateStartsTheFileAgainAndTheCopyYieldsTheUnreadTail() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 5));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log*", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    append(log, lines("a", 5, 8)); // written, not yet read, when logrotate copies and truncates
    Files.copy(log, dir.resolve("app.log.1"));
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
      raf.setLength(0);
    }
    append(log, lines("b", 0, 3));
    drain(tailer);
    scanRound(tailer);
    drain(tailer);
    List<String> want = new ArrayList<>(expected("a", 0, 8));
    want.addAll(expected("b", 0, 3));
    assertThat(got.lines).containsExactlyInAnyOrderElementsOf(want);
    assertThat(tailer.counters().snapshot()).containsEntry("files_truncated_or_replaced", 1L);
  }

  @Test
  void truncationFollowedByMoreThanTheOldOffsetIsStillNoticed() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 3));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    // copytruncate, then the application writes more than was there before the next poll
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
      raf.setLength(0);
    }
    append(log, lines("b", 0, 10));
    drain(tailer);
    List<String> want = new ArrayList<>(expected("a", 0, 3));
    want.addAll(expected("b", 0, 10));
    assertThat(got.lines).containsExactlyElementsOf(want);
  }

  @Test
  void restartResumesAfterTheLastCommittedLine() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 10));
    Lines first = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), first);
    scanRound(tailer);
    append(log, "partial line with");
    drain(tailer);
    tailer.close();
    tailer.commit();
    append(log, " its end\n" + lines("a", 10, 15)); // written while the agent was down

    Lines second = new Lines();
    Tailer again = open(settings("app.log", TailSettings.StartPosition.END), second);
    scanRound(again);
    drain(again);
    assertThat(first.lines).containsExactlyElementsOf(expected("a", 0, 10));
    List<String> want = new ArrayList<>(List.of("partial line with its end"));
    want.addAll(expected("a", 10, 15));
    assertThat(second.lines).containsExactlyElementsOf(want);
  }

  @Test
  void uncommittedLinesAreReadAgainAfterARestart() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 4));
    Lines first = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), first);
    scanRound(tailer);
    tailer.commit();
    append(log, lines("a", 4, 6));
    drain(tailer);
    tailer.close(); // crash before the consumer handed lines 4 and 5 on: no commit

    Lines second = new Lines();
    Tailer again = open(settings("app.log", TailSettings.StartPosition.BEGINNING), second);
    scanRound(again);
    assertThat(second.lines).containsExactlyElementsOf(expected("a", 4, 6));
  }

  @Test
  void sameInodeWithOtherContentIsANewFile() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("old", 0, 5));
    Lines first = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), first);
    scanRound(tailer);
    tailer.close();
    tailer.commit();
    Object inode = Files.getAttribute(log, "unix:ino");
    // While the agent is down the file is replaced by other content under the same inode (what an
    // inode reuse looks like to us), longer than the old offset.
    Files.writeString(log, lines("new", 0, 20), StandardOpenOption.TRUNCATE_EXISTING);
    assertThat(Files.getAttribute(log, "unix:ino")).isEqualTo(inode);

    Lines second = new Lines();
    Tailer again = open(settings("app.log", TailSettings.StartPosition.BEGINNING), second);
    scanRound(again);
    assertThat(second.lines).containsExactlyElementsOf(expected("new", 0, 20));
  }

  @Test
  void fileMovedToAnotherInodeWhileDownResumesByFingerprint() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 5));
    Lines first = new Lines();
    Tailer tailer = open(settings("*.log", TailSettings.StartPosition.BEGINNING), first);
    scanRound(tailer);
    tailer.close();
    tailer.commit();
    Path moved = dir.resolve("moved.log");
    Files.copy(log, moved); // new inode, same content
    Files.delete(log);
    append(moved, lines("a", 5, 7));

    Lines second = new Lines();
    Tailer again = open(settings("*.log", TailSettings.StartPosition.BEGINNING), second);
    scanRound(again);
    assertThat(second.lines).containsExactlyElementsOf(expected("a", 5, 7));
  }

  @Test
  void tenMegabyteLineIsCutAndCountedAndTheNextLinesAreIntact() throws IOException {
    Path log = dir.resolve("app.log");
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    append(log, "before\n");
    Files.write(log, big, StandardOpenOption.APPEND);
    append(log, "\nafter\n");
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    drain(tailer);
    assertThat(got.lines).hasSize(3);
    assertThat(got.lines.get(0)).isEqualTo("before");
    assertThat(got.lines.get(1)).hasSize(TailSettings.DEFAULT_MAX_LINE_BYTES).matches("x+");
    assertThat(got.cut).containsExactly(false, true, false);
    assertThat(got.lines.get(2)).isEqualTo("after");
    assertThat(tailer.counters().linesCut()).isEqualTo(1);
  }

  @Test
  void tenMegabyteLineFitsAHigherLimit() throws IOException {
    Path log = dir.resolve("app.log");
    String big = "y".repeat(10 * 1024 * 1024);
    append(log, big + "\nafter\n");
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING)
        .withMaxLineBytes(16 << 20), got);
    scanRound(tailer);
    drain(tailer);
    assertThat(got.lines).containsExactly(big, "after");
    assertThat(got.cut).containsExactly(false, false);
  }

  @Test
  void binaryGarbageNeverStopsTheTailer() throws IOException {
    Path log = dir.resolve("app.log");
    byte[] garbage = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(garbage);
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING)
        .withMaxLineBytes(4096), got);
    append(log, "start\n");
    Files.write(log, garbage, StandardOpenOption.APPEND);
    Files.write(log, new byte[] {0, 0, (byte) 0xff, (byte) 0xfe, '\n'}, StandardOpenOption.APPEND);
    append(log, "end\n");
    scanRound(tailer);
    drain(tailer);
    assertThat(got.lines.get(0)).isEqualTo("start");
    assertThat(got.lines.get(got.lines.size() - 1)).isEqualTo("end");
    assertThat(tailer.counters().snapshot()).containsEntry("read_errors", 0L);
  }

  @Test
  void inactiveFilesAreClosedAndReopenedAtTheirOffsetWhenTheyGrow() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 2));
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING)
        .withCloseInactive(Duration.ofMillis(50)), got);
    scanRound(tailer);
    assertThat(tailer.openFiles()).isEqualTo(1);
    Thread.sleep(100); // the file's mtime ages past close_inactive
    clock += Duration.ofSeconds(1).toNanos();
    tailer.round(clock);
    assertThat(tailer.openFiles()).as("closed after close_inactive without growth").isZero();
    scanRound(tailer);
    assertThat(tailer.openFiles()).as("a quiet known file is not reopened").isZero();
    append(log, lines("a", 2, 4));
    scanRound(tailer);
    drain(tailer);
    assertThat(got.lines).containsExactlyElementsOf(expected("a", 0, 4));
  }

  @Test
  void unfinishedLinesOfSeveralFilesStayApartAcrossRounds() throws Exception {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    Files.createFile(a);
    Files.createFile(b);
    Lines got = new Lines();
    Tailer tailer = open(settings("*.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    append(a, "alpha-1 ");
    append(b, "beta-1 ");
    drain(tailer);
    append(a, "alpha-2\n");
    append(b, "beta-2\n");
    drain(tailer);
    assertThat(got.lines).containsExactlyInAnyOrder("alpha-1 alpha-2", "beta-1 beta-2");
  }

  @Test
  void excludedAndNonMatchingFilesAreNotRead() throws IOException {
    append(dir.resolve("app.log"), "yes\n");
    append(dir.resolve("app.log.gz"), "no\n");
    append(dir.resolve("other.txt"), "no\n");
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log*", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    assertThat(got.lines).containsExactly("yes");
  }

  @Test
  void runsOnItsOwnThreadAndStopsOnClose() throws Exception {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    Lines got = new Lines();
    List<Thread> made = new ArrayList<>();
    Tailer tailer = new Tailer("test", settings("app.log", TailSettings.StartPosition.BEGINNING)
        .withIntervals(Duration.ofMillis(20), Duration.ofMillis(200)), got, r -> {
          Thread t = THREADS.newThread(r);
          made.add(t);
          return t;
        });
    tailer.start();
    append(log, lines("a", 0, 3));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (got.snapshot().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    tailer.close();
    assertThat(got.snapshot()).containsExactlyElementsOf(expected("a", 0, 3));
    assertThat(made).hasSize(1);
    assertThat(made.get(0).isAlive()).isFalse();
  }

  @Test
  void registryFileIsWrittenAtomicallyAndSurvivesOddPaths() throws IOException {
    Path odd = dir.resolve("we\tird\\name.log");
    append(odd, "one\n");
    Lines got = new Lines();
    Tailer tailer = open(settings("*.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    tailer.commit();
    assertThat(dir.resolve("state/registry")).exists();
    assertThat(dir.resolve("state/registry.tmp")).doesNotExist();
    append(odd, "two\n");
    tailer.close();
    Lines second = new Lines();
    Tailer again = open(settings("*.log", TailSettings.StartPosition.BEGINNING), second);
    scanRound(again);
    assertThat(second.lines).containsExactly("two");
  }

  @Test
  void malformedRegistryLinesAreCountedAndSkipped() throws IOException {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/registry"), "# header\ngarbage\n1\t2\t3\n");
    append(dir.resolve("app.log"), "x\n");
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), new Lines());
    assertThat(tailer.counters().snapshot()).containsEntry("registry_malformed_lines", 2L);
  }

  @Test
  void aRegistryOfBinaryGarbageIsCountedNotFatal() throws IOException {
    Files.createDirectories(dir.resolve("state"));
    byte[] garbage = new byte[4096];
    new Random(3).nextBytes(garbage);
    Files.write(dir.resolve("state/registry"), garbage);
    append(dir.resolve("app.log"), "x\n");
    Lines got = new Lines();
    Tailer tailer = open(settings("app.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    assertThat(tailer.counters().snapshot().get("registry_malformed_lines")).isPositive();
    tailer.commit();
    assertThat(Files.readString(dir.resolve("state/registry"))).startsWith("# bkmonitorbeat tail registry v1");
  }

  @Test
  void movedFileIsNotCopiedOver() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 0, 2));
    Files.copy(log, dir.resolve("copy.log"), StandardCopyOption.REPLACE_EXISTING);
    Lines got = new Lines();
    Tailer tailer = open(settings("*.log", TailSettings.StartPosition.BEGINNING), got);
    scanRound(tailer);
    // Two files with the same content found in the same scan: both are read (neither is open
    // when the other is identified, and the first one's state is attached by then).
    assertThat(got.lines).hasSize(2 * 2);
  }
}
