package io.bkmonitorbeat.prom;

/**
 * An OpenMetrics exemplar ({@code # {trace_id="…"} 0.5 1700000000.123}) attached to a sample.
 *
 * @param labels exemplar labels in the order written
 * @param value exemplar value
 * @param timestamp exemplar timestamp as written (seconds in OpenMetrics), NaN when absent
 */
public record Exemplar(Labels labels, double value, double timestamp) {

  /** Whether the exemplar carried a timestamp. */
  public boolean hasTimestamp() {
    return !Double.isNaN(timestamp);
  }
}
