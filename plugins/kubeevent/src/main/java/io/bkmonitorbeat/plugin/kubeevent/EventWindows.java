package io.bkmonitorbeat.plugin.kubeevent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windowed counting per event identity (spec 10.3). With the collector's start time S, a first
 * sighting opens the window {@code [0, count]} if it first happened after S, {@code [count-1,
 * count]} if it only recurred after S, else {@code [count, count]} (an old event, reported only
 * for what recurs); a later sighting moves the right edge to its count. The original opens an old
 * event's window at {@code [0, 0]}, so a recurrence within the same interval reported the event's
 * whole history (e.g. 5 for one new occurrence of an event seen 4 times before the start); here it
 * reports only the new occurrences. Every interval, {@link #tick()}
 * reports {@code right - left} per identity and closes the window; an identity with nothing new is
 * forgotten. At most {@code maxIdentities} are held; sightings of further ones are dropped and
 * counted. Thread-safe (the file tailer and the API watch may both feed it).
 */
final class EventWindows {
  /** One identity's report for an interval. */
  record Report(KubeEvent event, long count) {}

  private static final class Window {
    long left;
    long right;
    KubeEvent latest;
  }

  private final Instant start;
  private final int maxIdentities;
  private final Map<String, Window> windows = new LinkedHashMap<>();
  private final Object lock = new Object();
  private long cleaned;
  private long dropped;

  EventWindows(Instant start, int maxIdentities) {
    this.start = start;
    this.maxIdentities = maxIdentities;
  }

  void add(KubeEvent event) {
    synchronized (lock) {
      Window w = windows.get(event.identity());
      if (w == null) {
        if (windows.size() >= maxIdentities) {
          dropped++;
          return;
        }
        w = new Window();
        if (event.first().isAfter(start)) {
          w.right = event.count();
        } else if (event.last().isAfter(start)) {
          w.left = event.count() - 1;
          w.right = event.count();
        } else {
          w.left = event.count();
          w.right = event.count();
        }
        windows.put(event.identity(), w);
      } else {
        w.right = event.count();
      }
      w.latest = event;
    }
  }

  /** Reports and closes every window; forgets identities with nothing new. */
  List<Report> tick() {
    synchronized (lock) {
      List<Report> reports = new ArrayList<>();
      for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
        Window w = it.next();
        long n = w.right - w.left;
        w.left = w.right;
        if (n <= 0) {
          it.remove();
          cleaned++;
        } else {
          reports.add(new Report(w.latest, n));
        }
      }
      return reports;
    }
  }

  /** Returns how many identities were forgotten so far. */
  long cleaned() {
    synchronized (lock) {
      return cleaned;
    }
  }

  /** Returns how many sightings were dropped at the identity limit. */
  long dropped() {
    synchronized (lock) {
      return dropped;
    }
  }
}
