package io.bkmonitorbeat.plugin.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.PolledCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** static against this machine's real /proc and sysfs. */
class StaticCollectorTest {

  @Test
  @SuppressWarnings("unchecked")
  void reportsAtOnceThenOnlyWhenDue() throws Exception {
    StaticTasks.ClockContext ctx = new StaticTasks.ClockContext(StaticTasks.task(Map.of()));
    Collector c = new StaticCollectorProvider().create(ctx);
    PolledCollector p = (PolledCollector) c;
    p.collect(Instant.MAX);
    assertThat(ctx.events).hasSize(1);
    Event e = ctx.events.get(0);
    assertThat(e.type()).isEqualTo("static");
    assertThat(e.ignoreCmdbLevel()).as("static opts out of bk_cmdb_level").isTrue();
    assertThat(e.fields().keySet()).containsExactly("dataid", "data");
    assertThat(e.dataId()).isEqualTo(1100010);
    Map<String, Object> data = (Map<String, Object>) e.fields().get("data");
    assertThat(data.keySet()).containsExactly("cpu", "mem", "disk", "net", "system", "timestamp",
        "apiVer", "oper");
    assertThat(data).containsEntry("apiVer", "v1.0").containsEntry("oper", "add")
        .containsEntry("timestamp", ctx.now.getEpochSecond());
    Map<String, Object> cpu = (Map<String, Object>) data.get("cpu");
    assertThat(cpu.get("total")).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat((Long) ((Map<String, Object>) data.get("mem")).get("total")).isPositive();
    assertThat((Long) ((Map<String, Object>) data.get("disk")).get("total")).isPositive();
    Map<String, Object> system = (Map<String, Object>) data.get("system");
    assertThat(system).containsEntry("os", "linux")
        .containsEntry("kernelVersion", System.getProperty("os.version"));
    // Within the check period and before the random delay: nothing.
    ctx.advance(Duration.ofSeconds(30));
    p.collect(Instant.MAX);
    assertThat(ctx.events).hasSize(1);
    // After the random delay (< 1 h): the second report, still "add".
    ctx.advance(Duration.ofHours(1));
    p.collect(Instant.MAX);
    assertThat(ctx.events).hasSize(2);
    assertThat(((Map<String, Object>) ctx.events.get(1).fields().get("data")).get("oper"))
        .isEqualTo("add");
    // Unchanged data at later checks: nothing; at the report period: "update".
    for (int i = 0; i < 5; i++) {
      ctx.advance(Duration.ofMinutes(2));
      p.collect(Instant.MAX);
    }
    assertThat(ctx.events).hasSize(2);
    ctx.advance(Duration.ofHours(6));
    p.collect(Instant.MAX);
    assertThat(ctx.events).hasSize(3);
    assertThat(((Map<String, Object>) ctx.events.get(2).fields().get("data")).get("oper"))
        .isEqualTo("update");
    assertThat(c.counters()).containsEntry("reports", 3L).containsEntry("section_errors", 0L);
    c.close();
  }

  @Test
  void theHostIdFilesDataIdReplacesTheTasksWhileItIsNonZero() throws Exception {
    StaticTasks.ClockContext ctx = new StaticTasks.ClockContext(StaticTasks.task(0, Map.of()));
    PolledCollector p = (PolledCollector) new StaticCollectorProvider().create(ctx);
    p.collect(Instant.MAX);
    assertThat(ctx.events).as("dataid 0 in the task and no host-id file").isEmpty();

    ctx.cmdb = cmdbWithDataId(1500123);
    p.collect(Instant.MAX);
    assertThat(ctx.events).singleElement().satisfies(e -> assertThat(e.dataId()).isEqualTo(1500123));

    StaticTasks.ClockContext withTaskId = new StaticTasks.ClockContext(StaticTasks.task(Map.of()));
    withTaskId.cmdb = cmdbWithDataId(1500123);
    PolledCollector q = (PolledCollector) new StaticCollectorProvider().create(withTaskId);
    q.collect(Instant.MAX);
    withTaskId.cmdb = cmdbWithDataId(0);
    withTaskId.advance(Duration.ofHours(7)); // past the random delay and the report period
    q.collect(Instant.MAX);
    assertThat(withTaskId.events).extracting(Event::dataId).containsExactly(1500123, 1100010);
  }

  private static HostCmdb cmdbWithDataId(int dataId) {
    return new HostCmdb(true, "10.0.0.5", "", List.of(), List.of(), dataId);
  }
}
