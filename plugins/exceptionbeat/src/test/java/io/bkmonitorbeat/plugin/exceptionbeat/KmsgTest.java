package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /dev/kmsg}: the reader starts at the end, so a record written before it opened
 * is skipped and one written afterwards is read. Root may write records into the kernel log; the
 * test writes two harmless marker lines
 * (never an OOM text, which other log watchers on the machine would take for a real one).
 */
class KmsgTest {
  private static final Path KMSG = Path.of("/dev/kmsg");

  @Test
  void readsOnlyRecordsWrittenAfterOpening() throws Exception {
    assumeTrue(Files.isReadable(KMSG) && Files.isWritable(KMSG),
        "/dev/kmsg must be readable and writable (root, not in a restricted container)");
    String id = UUID.randomUUID().toString();
    String before = "bkmonitorbeat-exceptionbeat-test before-open " + id;
    String after = "bkmonitorbeat-exceptionbeat-test after-open " + id;
    Kmsg kmsg = new Kmsg(KMSG.toString());
    try {
      write(before);
      kmsg.open();
      write(after);
      String found = null;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (found == null && System.nanoTime() < deadline) {
        String record = kmsg.next(500);
        if (record == null) {
          continue;
        }
        assertThat(record).as("a record written before open is skipped").doesNotContain(before);
        if (record.contains(after)) {
          found = record;
        }
      }
      assertThat(found).as("the record written after open").isNotNull();
      KmsgRecord parsed = KmsgRecord.parse(found).orElseThrow();
      assertThat(parsed.message()).endsWith(after);
      assertThat(parsed.monotonicMicros()).isPositive();
    } finally {
      kmsg.close();
    }
  }

  private static void write(String message) throws IOException {
    try (FileOutputStream out = new FileOutputStream(KMSG.toFile())) {
      out.write(("<6>" + message + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMissingDeviceIsAClearError() {
    Kmsg kmsg = new Kmsg("/nonexistent/kmsg");
    try {
      kmsg.open();
      throw new AssertionError("opened a missing device");
    } catch (IOException e) {
      assertThat(e).hasMessageContaining("open /nonexistent/kmsg").hasMessageContaining("errno 2");
    } finally {
      kmsg.close();
    }
  }
}
