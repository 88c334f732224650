package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.prom.Exemplar;
import io.bkmonitorbeat.prom.Labels;
import io.bkmonitorbeat.prom.ParseError;
import io.bkmonitorbeat.prom.PromTextParser;
import io.bkmonitorbeat.prom.Sample;
import io.bkmonitorbeat.prom.SampleConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a script's output into groups of metrics (spec 10.6 steps 5 and 6), using the shared
 * Prometheus text parser.
 *
 * <p>Blank and {@code #} lines are skipped; a malformed line, and a sample whose value is NaN or
 * infinite, is a format error (counted, the first few kept for the log) and skipped while the
 * valid lines are still reported. Samples are grouped by (time in the task's unit, label set,
 * exemplar labels); within a group a later sample of the same name replaces an earlier one.
 * Stateless.
 */
final class OutputConverter {
  /** How many format errors are kept for the log message. */
  static final int KEPT_ERRORS = 3;

  private OutputConverter() {}

  /**
   * One event's worth of samples.
   *
   * @param time the group's time in the task's unit
   * @param labels the samples' labels, sorted by name
   * @param metrics metric name to value, in first-seen order
   * @param exemplar {@code bk_trace_id}, {@code bk_span_id}, {@code bk_trace_timestamp}, {@code
   *     bk_trace_value}, or empty when the sample had no trace exemplar
   */
  record Group(long time, Map<String, String> labels, Map<String, Double> metrics, Map<String, Object> exemplar) {
    /** Validates the components. */
    Group {
      Objects.requireNonNull(labels, "labels");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(exemplar, "exemplar");
    }
  }

  /**
   * The converted output.
   *
   * @param groups the groups in order of their first sample
   * @param formatErrors how many lines were malformed or had a NaN/infinite value
   * @param firstErrors the first {@value #KEPT_ERRORS} of them, described
   */
  record Result(List<Group> groups, long formatErrors, List<String> firstErrors) {}

  /**
   * Converts {@code output}.
   *
   * @param nowNanos the run's "now" in nanoseconds since the epoch
   */
  static Result convert(byte[] output, long nowNanos, ScriptSettings.TimestampUnit unit, Duration timeOffset) {
    Map<Key, Group> groups = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    long[] formatErrors = new long[1];
    PromTextParser.parse(output, new SampleConsumer() {
      @Override
      public void accept(Sample sample) {
        if (Double.isNaN(sample.value()) || Double.isInfinite(sample.value())) {
          formatErrors[0]++;
          keep(errors, sample.name() + ": the value " + sample.value() + " is not a finite number");
          return;
        }
        long time = unit.fromNanos(SampleTime.toEpochNanos(sample.timestamp(), nowNanos, timeOffset));
        Map<String, String> labels = sorted(sample.labels());
        Map<String, String> exemplarLabels = sample.exemplar() == null ? Map.of() : sorted(sample.exemplar().labels());
        Group group = groups.computeIfAbsent(new Key(time, labels, exemplarLabels),
            key -> new Group(time, labels, new LinkedHashMap<>(), exemplar(sample.exemplar())));
        group.metrics().put(sample.name(), sample.value());
      }

      @Override
      public void onError(ParseError error) {
        formatErrors[0]++;
        keep(errors, error.toString());
      }
    });
    return new Result(List.copyOf(groups.values()), formatErrors[0], List.copyOf(errors));
  }

  private static void keep(List<String> errors, String error) {
    if (errors.size() < KEPT_ERRORS) {
      errors.add(error);
    }
  }

  private static Map<String, String> sorted(Labels labels) {
    return labels.isEmpty() ? Map.of() : new TreeMap<>(labels);
  }

  /**
   * Returns the event's {@code exemplar} map: filled only when the exemplar names a trace and a
   * span ({@code trace_id}/{@code traceID}, {@code span_id}/{@code spanID}). The timestamp is in
   * milliseconds (the exemplar's, written in seconds, or 0 when it has none).
   */
  static Map<String, Object> exemplar(Exemplar exemplar) {
    if (exemplar == null) {
      return Map.of();
    }
    String trace = first(exemplar.labels(), "trace_id", "traceID");
    String span = first(exemplar.labels(), "span_id", "spanID");
    if (trace == null || span == null) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bk_trace_id", trace);
    map.put("bk_span_id", span);
    map.put("bk_trace_timestamp",
        exemplar.hasTimestamp() && Double.isFinite(exemplar.timestamp()) ? Math.round(exemplar.timestamp() * 1000) : 0L);
    map.put("bk_trace_value", Double.isFinite(exemplar.value()) ? exemplar.value() : 0.0);
    return map;
  }

  private static String first(Labels labels, String name, String alias) {
    String value = labels.get(name);
    return value != null ? value : labels.get(alias);
  }

  private record Key(long time, Map<String, String> labels, Map<String, String> exemplarLabels) {}
}
