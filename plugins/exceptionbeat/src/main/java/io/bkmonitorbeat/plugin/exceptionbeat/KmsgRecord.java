package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.Optional;

/**
 * One {@code /dev/kmsg} record: {@code <prio>,<seq>,<usec since boot>,<flags>[,...];<message>}
 * followed by optional continuation lines (a space, then {@code KEY=value}) that are ignored.
 * Documented in the kernel's {@code Documentation/ABI/testing/dev-kmsg}.
 *
 * @param sequence the record's sequence number
 * @param monotonicMicros the time since boot, in microseconds
 * @param message the message line
 */
record KmsgRecord(long sequence, long monotonicMicros, String message) {

  /** Parses one record; empty when it has no prefix of at least three numeric fields. */
  static Optional<KmsgRecord> parse(String record) {
    int semicolon = record.indexOf(';');
    if (semicolon < 0) {
      return Optional.empty();
    }
    String[] prefix = record.substring(0, semicolon).split(",");
    if (prefix.length < 3) {
      return Optional.empty();
    }
    try {
      long sequence = Long.parseLong(prefix[1].strip());
      long micros = Long.parseLong(prefix[2].strip());
      int end = record.indexOf('\n', semicolon);
      String message = record.substring(semicolon + 1, end < 0 ? record.length() : end);
      return Optional.of(new KmsgRecord(sequence, micros, message));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
