package io.bkmonitorbeat.plugin.metricbeat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The previous value and time of each tracked series (for delta and rate), per scraped host.
 * Series not seen for {@link #MAX_IDLE_SCRAPES} scrapes are forgotten, so a churning exporter
 * cannot grow it without bound. Not thread-safe: scrapes of one host are sequential.
 */
final class SeriesState {
  static final int MAX_IDLE_SCRAPES = 5;

  private static final class Entry {
    double value;
    double seconds;
    long scrape;
  }

  private final Map<String, Entry> series = new HashMap<>();
  private long scrape;

  /** The previous observation of a series, if any. */
  record Previous(double value, double seconds) {}

  /** Starts a scrape. */
  void beginScrape() {
    scrape++;
  }

  /** Records {@code value} at {@code seconds} for {@code key}; returns the previous one or null. */
  Previous update(String key, double value, double seconds) {
    Entry e = series.get(key);
    Previous previous = null;
    if (e == null) {
      e = new Entry();
      series.put(key, e);
    } else {
      previous = new Previous(e.value, e.seconds);
    }
    e.value = value;
    e.seconds = seconds;
    e.scrape = scrape;
    return previous;
  }

  /** Forgets series idle for too long; call after each scrape. */
  void endScrape() {
    Iterator<Entry> it = series.values().iterator();
    while (it.hasNext()) {
      if (scrape - it.next().scrape >= MAX_IDLE_SCRAPES) {
        it.remove();
      }
    }
  }

  int size() {
    return series.size();
  }
}
