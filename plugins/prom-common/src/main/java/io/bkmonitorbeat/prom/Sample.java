package io.bkmonitorbeat.prom;

import java.util.Map;
import java.util.Objects;

/**
 * One sample line: metric name, labels in the order written, value and optional timestamp.
 *
 * <p>Histograms and summaries arrive as their individual samples ({@code _bucket}, {@code _sum},
 * {@code _count}, quantiles), exactly as written.
 *
 * @param name metric name (interned per parser)
 * @param labels labels in the order written; never null, empty when none
 * @param value sample value; NaN and infinities are passed through, the caller decides
 * @param timestamp the trailing timestamp exactly as written, in the unit the exporter used
 *     (milliseconds in the Prometheus text format, seconds, possibly fractional, in OpenMetrics);
 *     {@link Double#NaN} when absent. The parser does not guess the unit.
 * @param exemplar the OpenMetrics exemplar after {@code #}, or null when none
 */
public record Sample(String name, Labels labels, double value, double timestamp, Exemplar exemplar) {

  /** Validates the non-null parts. */
  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }

  /** Whether the line carried a timestamp. */
  public boolean hasTimestamp() {
    return !Double.isNaN(timestamp);
  }

  /** A label value, or null when the sample has no such label. */
  public String label(String labelName) {
    return labels.get(labelName);
  }

  /** The labels as a read-only map (the same object as {@link #labels()}). */
  public Map<String, String> labelMap() {
    return labels;
  }
}
