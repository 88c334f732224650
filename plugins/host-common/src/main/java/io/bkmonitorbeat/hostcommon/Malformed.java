package io.bkmonitorbeat.hostcommon;

/**
 * Told about every line a parser could not understand, so that the collector can count it
 * (through {@code Collector.counters()}) instead of failing the whole file.
 */
@FunctionalInterface
public interface Malformed {
  /** Ignores malformed lines (for callers that count nothing). */
  Malformed IGNORE = (source, line) -> {};

  /**
   * Reports one line that was dropped.
   *
   * @param source the file, e.g. {@code /proc/diskstats}
   * @param line the line as read
   */
  void line(String source, String line);
}
