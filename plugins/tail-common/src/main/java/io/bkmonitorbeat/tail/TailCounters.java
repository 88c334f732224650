package io.bkmonitorbeat.tail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a tailer has done, for {@code Collector.counters()}. Written by the tailer's thread, read
 * from any thread. Thread-safe.
 */
public final class TailCounters {
  final LongAdder lines = new LongAdder();
  final LongAdder linesCut = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder filesOpened = new LongAdder();
  final LongAdder filesReplaced = new LongAdder();
  final LongAdder filesResumed = new LongAdder();
  final LongAdder readErrors = new LongAdder();
  final LongAdder registryErrors = new LongAdder();
  final LongAdder registryMalformed = new LongAdder();

  /** Returns the counters by name ({@code lines_read}, {@code lines_cut}, ...). */
  public Map<String, Long> snapshot() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("lines_read", lines.sum());
    map.put("lines_cut", linesCut.sum());
    map.put("bytes_read", bytesRead.sum());
    map.put("files_opened", filesOpened.sum());
    map.put("files_resumed", filesResumed.sum());
    map.put("files_truncated_or_replaced", filesReplaced.sum());
    map.put("read_errors", readErrors.sum());
    map.put("registry_errors", registryErrors.sum());
    map.put("registry_malformed_lines", registryMalformed.sum());
    return map;
  }

  /** Returns the number of lines delivered so far. */
  public long lines() {
    return lines.sum();
  }

  /** Returns the number of lines cut at the limit so far. */
  public long linesCut() {
    return linesCut.sum();
  }
}
