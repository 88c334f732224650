package io.bkmonitorbeat.prom;

/**
 * Receives the samples of a payload in order. Called on the parsing thread.
 */
@FunctionalInterface
public interface SampleConsumer {

  /** One well-formed sample. */
  void accept(Sample sample);

  /**
   * A malformed line that was skipped; parsing goes on with the next line. Default: ignored (the
   * count is in {@link ParseStats#errors()}).
   */
  default void onError(ParseError error) {}
}
