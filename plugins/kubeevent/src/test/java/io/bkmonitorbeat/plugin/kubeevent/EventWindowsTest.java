package io.bkmonitorbeat.plugin.kubeevent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventWindowsTest {
  static final Instant S = Instant.parse("2024-05-01T10:00:00Z");

  private static KubeEvent event(String id, long count, String first, String last) {
    return new KubeEvent(id, "BackOff", "m", "Warning", "kubelet", "node", "u", "Pod", "ns", "p", "v1",
        Instant.parse(first), Instant.parse(last), count);
  }

  @Test
  void newRecurringAndOldEventsOpenTheirWindowsAsTheSpecSays() {
    EventWindows w = new EventWindows(S, 10);
    w.add(event("new", 3, "2024-05-01T10:00:01Z", "2024-05-01T10:00:02Z"));
    w.add(event("recurring", 9, "2024-05-01T09:00:00Z", "2024-05-01T10:00:03Z"));
    w.add(event("old", 4, "2024-05-01T09:00:00Z", "2024-05-01T09:30:00Z"));
    assertThat(w.tick()).extracting(r -> r.event().identity() + "=" + r.count())
        .containsExactly("new=3", "recurring=1");
    assertThat(w.cleaned()).isEqualTo(1); // old: nothing to report, forgotten
    w.add(event("new", 5, "2024-05-01T10:00:01Z", "2024-05-01T10:01:00Z"));
    assertThat(w.tick()).extracting(r -> r.event().identity() + "=" + r.count()).containsExactly("new=2");
    assertThat(w.tick()).isEmpty();
    assertThat(w.cleaned()).isEqualTo(3);
  }

  @Test
  void anOldEventThatRecursBeforeTheFirstTickReportsOnlyTheNewOccurrences() {
    EventWindows w = new EventWindows(S, 10);
    w.add(event("old", 4, "2024-05-01T09:00:00Z", "2024-05-01T09:30:00Z"));
    w.add(event("old", 5, "2024-05-01T09:00:00Z", "2024-05-01T10:00:30Z"));
    assertThat(w.tick()).extracting(EventWindows.Report::count).containsExactly(1L); // the original: 5
  }

  @Test
  void identitiesBeyondTheLimitAreDroppedAndCounted() {
    EventWindows w = new EventWindows(S, 1);
    w.add(event("a", 1, "2024-05-01T10:00:01Z", "2024-05-01T10:00:01Z"));
    w.add(event("b", 1, "2024-05-01T10:00:01Z", "2024-05-01T10:00:01Z"));
    assertThat(w.dropped()).isEqualTo(1);
  }
}
