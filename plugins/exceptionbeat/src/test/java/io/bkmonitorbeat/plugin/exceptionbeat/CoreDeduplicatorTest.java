package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 4.5's de-duplication with a one-minute gap, on explicit instants. */
class CoreDeduplicatorTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private final CoreDeduplicator dedup = new CoreDeduplicator(Duration.ofMinutes(1));

  private static Map<String, Object> core(String executable, String file) {
    Map<String, Object> extra = new HashMap<>();
    extra.put("executable", executable);
    extra.put("signal", "SIGSEGV");
    extra.put("corefile", file);
    return extra;
  }

  @Test
  void firstCoreIsSentAtOnceLaterOnesAreCountedAndFlushed() {
    List<Map<String, Object>> first = dedup.offer(core("app", "/c/1"), T0);
    assertThat(first).singleElement().satisfies(e -> assertThat(e).containsEntry("count", 1L));
    assertThat(dedup.offer(core("app", "/c/2"), T0.plusSeconds(10))).isEmpty();
    assertThat(dedup.offer(core("app", "/c/3"), T0.plusSeconds(20))).isEmpty();
    assertThat(dedup.offer(core("other", "/c/4"), T0.plusSeconds(20))).hasSize(1);

    assertThat(dedup.flush(T0.plusSeconds(50))).as("within the gap").isEmpty();
    List<Map<String, Object>> flushed = dedup.flush(T0.plusSeconds(61));
    assertThat(flushed).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("count", 2L).containsEntry("corefile", "/c/3"));
    assertThat(dedup.flush(T0.plusSeconds(90))).isEmpty();
  }

  @Test
  void aCoreAfterTheGapIsSentWithTheAccumulatedCount() {
    dedup.offer(core("app", "/c/1"), T0);
    dedup.offer(core("app", "/c/2"), T0.plusSeconds(30));
    List<Map<String, Object>> sent = dedup.offer(core("app", "/c/3"), T0.plusSeconds(61));
    assertThat(sent).singleElement().satisfies(e -> assertThat(e).containsEntry("count", 2L));
    assertThat(dedup.flush(T0.plusSeconds(200))).isEmpty();
  }

  @Test
  void idleKeysAreForgotten() {
    dedup.offer(core("app", "/c/1"), T0);
    assertThat(dedup.size()).isEqualTo(1);
    dedup.flush(T0.plusSeconds(61));
    assertThat(dedup.size()).isZero();
    assertThat(dedup.offer(core("app", "/c/2"), T0.plusSeconds(62))).hasSize(1);
  }

  @Test
  void keyIsPathExecutableSignal() {
    assertThat(CoreDeduplicator.key(Map.of("executable_path", "/data/bin", "executable", "bin",
        "signal", "SIGKILL"))).isEqualTo("/data/bin-bin-SIGKILL");
    assertThat(CoreDeduplicator.key(Map.of())).isEqualTo("--");
  }
}
