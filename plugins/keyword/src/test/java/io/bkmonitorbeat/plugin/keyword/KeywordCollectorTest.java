package io.bkmonitorbeat.plugin.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.HostCmdb;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordCollectorTest {
  @TempDir Path dir;

  private Map<String, Object> settings(String glob) {
    Map<String, Object> m = new HashMap<>();
    m.put("paths", List.of(dir.resolve(glob).toString()));
    m.put("keywords", List.of(
        Map.of("name", "error", "pattern", "ERROR (?P<error_code>E\\d+)"),
        Map.of("name", "timeout", "pattern", "timed out")));
    m.put("filter_patterns", List.of("IGNORE"));
    m.put("report_period", "1h"); // flushed by close() unless a test says otherwise
    m.put("scan_frequency", "200ms");
    m.put("target", "0:10.0.0.5");
    return m;
  }

  private KeywordTestContext context(Map<String, Object> settings) {
    return new KeywordTestContext(settings, List.of(), dir.resolve("state"));
  }

  private static KeywordCollector start(KeywordTestContext ctx) throws Exception {
    KeywordCollector c = (KeywordCollector) new KeywordCollectorProvider().create(ctx);
    c.start();
    return c;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String errors(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("2026-01-01 00:00:00 app ERROR E").append(i % 2).append(" request ").append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void appendedLinesAreCountedPerRuleAndGroupValuesAndFiltered() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, "ERROR E9 before start is skipped on the first run\n");
    KeywordTestContext ctx = context(settings("app.log"));
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    append(log, errors(0, 5) + "x ERROR E1 IGNORE me\nconnection timed out\nnothing here\n");
    await(() -> c.counters().get("lines_read") >= 8, "lines read");
    c.close();

    List<Map<String, Object>> records = ctx.records();
    assertThat(records).hasSize(3);
    Map<String, Object> e0 = find(records, "error", "E0");
    assertThat(e0).containsEntry("event_name", "error").containsEntry("target", "0:10.0.0.5");
    assertThat(e0.get("event")).isEqualTo(Map.of("count", 3L, "content", "2026-01-01 00:00:00 app ERROR E0 request 4"));
    assertThat(e0.get("dimension")).isEqualTo(Map.of("error_code", "E0", "file_path", log.toRealPath().toString()));
    assertThat(find(records, "error", "E1").get("event")).extracting(e -> ((Map<?, ?>) e).get("count")).isEqualTo(2L);
    assertThat(find(records, "timeout", null).get("event")).extracting(e -> ((Map<?, ?>) e).get("count")).isEqualTo(1L);
    assertThat((Long) records.get(0).get("timestamp")).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    assertThat(ctx.eventsSnapshot()).hasSize(1); // batched (gap 20)
    assertThat(ctx.eventsSnapshot().get(0).type()).isEqualTo("keyword");
    assertThat(ctx.eventsSnapshot().get(0).dataId()).isEqualTo(1500);
    assertThat(c.counters()).containsEntry("lines_filtered", 1L).containsEntry("lines_matched", 6L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> find(List<Map<String, Object>> records, String rule, String code) {
    return records.stream().filter(r -> r.get("event_name").equals(rule)
        && (code == null || code.equals(((Map<String, String>) r.get("dimension")).get("error_code"))))
        .findFirst().orElseThrow();
  }

  @Test
  void reportPeriodFlushesWhileRunning() throws Exception {
    Map<String, Object> m = settings("app.log");
    m.put("report_period", "300ms");
    m.put("time_unit", "s");
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext ctx = context(m);
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    append(log, errors(0, 2));
    await(() -> ctx.totalCount() == 2, "a periodic flush");
    assertThat((Long) ctx.records().get(0).get("timestamp")).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000);
    // Offsets are committed right after the flush, on the flushing thread: wait, do not race it.
    await(() -> Files.exists(dir.resolve("state/keyword-offsets")), "the offsets committed after the flush");
    c.close();
  }

  @Test
  void restartInTheMiddleLosesAndRepeatsNoLine() throws Exception {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext first = context(settings("app.log"));
    KeywordCollector c1 = start(first);
    await(() -> c1.counters().get("files_opened") >= 1, "the file to be opened");
    append(log, errors(0, 30));
    await(() -> c1.counters().get("lines_read") >= 30, "30 lines");
    append(log, "2026 ERROR E7 half a li");
    Thread.sleep(300);
    c1.close();
    append(log, "ne\n" + errors(30, 50)); // written while the agent is down

    KeywordTestContext second = context(settings("app.log"));
    KeywordCollector c2 = start(second);
    await(() -> c2.counters().get("lines_read") >= 21, "the lines written while down");
    c2.close();
    assertThat(first.totalCount()).isEqualTo(30);
    assertThat(second.totalCount()).isEqualTo(21);
  }

  @Test
  void renameRotationAndCopytruncateKeepEveryLineOnce() throws Exception {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext ctx = context(settings("app.log"));
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    append(log, errors(0, 100));
    Files.move(log, dir.resolve("app.log.1")); // rename rotation
    append(dir.resolve("app.log.1"), errors(100, 110)); // late writes to the old file
    append(log, errors(110, 150));
    await(() -> c.counters().get("lines_read") >= 150, "150 lines across the rename");
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
      raf.setLength(0); // copytruncate (the copy is not followed: app.log only)
    }
    append(log, errors(150, 170));
    await(() -> c.counters().get("lines_read") >= 170, "170 lines across the truncation");
    c.close();
    assertThat(ctx.totalCount()).isEqualTo(170);
    assertThat(c.counters()).containsEntry("files_truncated_or_replaced", 1L);
  }

  @Test
  void tenMegabyteLineIsCutCountedAndDoesNotStopMatching() throws Exception {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext ctx = context(settings("app.log"));
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'z');
    Files.write(log, big, StandardOpenOption.APPEND);
    append(log, " ERROR E5 at the end of a huge line\n" + errors(0, 1));
    await(() -> c.counters().get("lines_read") >= 2, "the huge line and the next");
    c.close();
    assertThat(c.counters()).containsEntry("lines_cut", 1L);
    assertThat(ctx.totalCount()).isEqualTo(1); // the cut part held no match; the next line did
  }

  @Test
  void gbkLinesAreDecoded() throws Exception {
    Map<String, Object> m = settings("app.log");
    m.put("encoding", "gbk");
    m.put("keywords", List.of(Map.of("name", "cn", "pattern", "错误(?P<n>\\d)")));
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext ctx = context(m);
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    Files.write(log, "发生错误1\n".getBytes(Charset.forName("GBK")), StandardOpenOption.APPEND);
    await(() -> c.counters().get("lines_read") >= 1, "one line");
    c.close();
    assertThat(ctx.records()).singleElement().satisfies(r -> assertThat(r.get("event"))
        .isEqualTo(Map.of("count", 1L, "content", "发生错误1")));
  }

  @Test
  void cmdbLabelsCopyTheRecordPerTopologyHit() throws Exception {
    Map<String, Object> m = settings("app.log");
    m.put("batch_size", 1);
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    KeywordTestContext ctx = new KeywordTestContext(m, List.of(Map.of("bk_collect_config_id", "59",
        "bk_target_ip", "10.0.0.5", "bk_target_cloud_id", "3")), dir.resolve("state"));
    ctx.cmdb = new HostCmdb(true, "10.0.0.5", "", List.of(), LabelExpanderTest.LEVELS);
    KeywordCollector c = start(ctx);
    await(() -> c.counters().get("files_opened") >= 1, "the file to be opened");
    append(log, errors(0, 1));
    await(() -> c.counters().get("lines_read") >= 1, "one line");
    c.close();
    assertThat(ctx.records()).hasSize(2).allSatisfy(r -> assertThat(dims(r))
        .containsEntry("bk_collect_config_id", "59").containsEntry("error_code", "E0").containsKey("bk_set_id"));
    assertThat(ctx.eventsSnapshot()).hasSize(2); // batch_size 1
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dims(Map<String, Object> record) {
    return (Map<String, String>) record.get("dimension");
  }

  @Test
  void closeStopsEveryThread() throws Exception {
    KeywordTestContext ctx = context(settings("*.log"));
    KeywordCollector c = start(ctx);
    c.close();
    c.close();
    assertThat(ctx.threads).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }
}
