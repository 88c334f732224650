package io.bkmonitorbeat.prom;

/**
 * Counts for one parsed payload.
 *
 * @param lines lines seen, blank and comment lines included
 * @param samples samples delivered to the consumer
 * @param errors malformed lines skipped (each also reported through {@link
 *     SampleConsumer#onError(ParseError)})
 * @param bytes payload bytes read
 */
public record ParseStats(long lines, long samples, long errors, long bytes) {

  /** True when no line was malformed. */
  public boolean clean() {
    return errors == 0;
  }
}
