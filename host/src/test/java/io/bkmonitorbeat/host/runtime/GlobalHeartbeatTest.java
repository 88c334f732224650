package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalHeartbeatTest {

  @Test
  void carriesTheVersionErrorTasksAndCounters() {
    Clock start = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
    MutableClock clock = new MutableClock(start.instant());
    GlobalHeartbeat heartbeat = new GlobalHeartbeat(clock);
    clock.now = clock.now.plus(Duration.ofSeconds(90));

    Map<String, Object> event = heartbeat.build(
        new GlobalHeartbeat.Snapshot(1100001, "42", 3, 1_700_000_010L, 7, 2, 0, 1));

    assertThat(event).containsEntry("time", 1_700_000_090L).containsEntry("dataid", 1100001);
    assertThat(event.get("dimensions")).isEqualTo(
        Map.of("status", 0, "version", HostVersion.get(), "bk_host_id", "42"));
    assertThat(HostVersion.get()).isNotBlank().isNotEqualTo("unknown");
    assertThat(event.get("metrics")).isEqualTo(Map.of(
        "uptime", 90L, "tasks", 3, "config_load_at", 1_700_000_010L, "published", 7L,
        "errors", 2L, "config_error_code", 0, "error_tasks", 1));
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
