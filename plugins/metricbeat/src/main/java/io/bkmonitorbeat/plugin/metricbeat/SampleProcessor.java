package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.prom.Exemplar;
import io.bkmonitorbeat.prom.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the parsed samples of one host's scrape into metric records (spec 10.7 step 4): name
 * normalisation, relabelling (local rules, then remote rules — applied even when there are no
 * local rules, G-14), {@code dimension_replace}, delta/rate, {@code metric_replace}. Not
 * thread-safe: one per host, used by one scrape at a time.
 *
 * <p>Decisions: samples whose value is NaN or infinite are dropped and counted (JSON has no
 * such numbers; bkmonitorbeat rejects them too). The first sample of a delta series is dropped
 * (there is nothing to subtract); for {@code rate} the original sample is always kept and only
 * the rate is missing on the first scrape (G-14); a rate over a zero or negative time step is
 * skipped and counted, never divided.
 */
final class SampleProcessor {
  private final MetricbeatSettings settings;
  private final SeriesState state = new SeriesState();
  private final Counters counters;

  /** The collector's counters this processor adds to. */
  record Counters(AtomicLong relabelDropped, AtomicLong nonFiniteDropped, AtomicLong rateSkipped) {
    Counters() {
      this(new AtomicLong(), new AtomicLong(), new AtomicLong());
    }
  }

  SampleProcessor(MetricbeatSettings settings, Counters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  /** Starts one scrape; {@code remote} are the remote relabel rules fetched for it. */
  Scrape begin(List<RelabelRule> remote, double scrapeSeconds) {
    state.beginScrape();
    return new Scrape(remote, scrapeSeconds);
  }

  /** One scrape's processing; {@link #records()} after the last sample. */
  final class Scrape {
    private final List<RelabelRule> remote;
    private final double scrapeSeconds;
    private final List<MetricRecord> records = new ArrayList<>();

    private Scrape(List<RelabelRule> remote, double scrapeSeconds) {
      this.remote = remote;
      this.scrapeSeconds = scrapeSeconds;
    }

    void accept(Sample sample) {
      String name = settings.normalizeMetricName() ? normalize(sample.name()) : sample.name();
      Map<String, String> labels = sample.labels();
      if (!settings.relabel().isEmpty() || !remote.isEmpty()) {
        Map<String, String> working = new LinkedHashMap<>(labels.size() + 2);
        working.put("__name__", name);
        working.putAll(labels);
        if (!relabel(settings.relabel(), working) || !relabel(remote, working)) {
          counters.relabelDropped().incrementAndGet();
          return;
        }
        name = working.remove("__name__");
        if (name == null || name.isEmpty()) {
          counters.relabelDropped().incrementAndGet();
          return;
        }
        labels = working;
      }
      if (!settings.dimensionReplace().isEmpty()) {
        Map<String, String> copy = null;
        for (Map.Entry<String, String> e : settings.dimensionReplace().entrySet()) {
          String value = labels.get(e.getKey());
          if (value != null) {
            if (copy == null) {
              copy = new LinkedHashMap<>(labels);
            }
            copy.put(e.getValue(), value);
          }
        }
        if (copy != null) {
          labels = copy;
        }
      }
      double value = sample.value();
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        counters.nonFiniteDropped().incrementAndGet();
        return;
      }
      double seconds = sample.hasTimestamp() ? toSeconds(sample.timestamp()) : scrapeSeconds;
      long timestamp = settings.disableCustomTimestamp() ? MetricRecord.NO_TIMESTAMP : (long) Math.floor(seconds);
      Map<String, Object> exemplar = exemplar(sample.exemplar());
      labels = Collections.unmodifiableMap(labels);
      DeltaRateRules deltaRate = settings.deltaRate();
      if (!deltaRate.isEmpty()) {
        if (deltaRate.delta().contains(name)) {
          SeriesState.Previous previous = state.update(seriesKey(name, labels), value, seconds);
          if (previous == null) {
            return; // first sample: no delta yet
          }
          value = value - previous.value();
        } else {
          String rateName = deltaRate.rate().get(name);
          if (rateName != null) {
            SeriesState.Previous previous = state.update(seriesKey(name, labels), value, seconds);
            if (previous != null) {
              double step = seconds - previous.seconds();
              if (step > 0) {
                records.add(new MetricRecord(rateName, labels, (value - previous.value()) / step,
                    timestamp, null));
              } else {
                counters.rateSkipped().incrementAndGet();
              }
            }
          }
        }
      }
      records.add(new MetricRecord(name, labels, value, timestamp, exemplar));
      String copyName = settings.metricReplace().get(name);
      if (copyName != null) {
        records.add(new MetricRecord(copyName, labels, value, timestamp, exemplar));
      }
    }

    List<MetricRecord> records() {
      state.endScrape();
      return records;
    }
  }

  private static boolean relabel(List<RelabelRule> rules, Map<String, String> labels) {
    for (RelabelRule rule : rules) {
      if (!rule.apply(labels)) {
        return false;
      }
    }
    return !labels.isEmpty();
  }

  /** A series' identity: name and labels sorted by name. */
  private static String seriesKey(String name, Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(name);
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      sb.append('\u0000').append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  /**
   * Unix seconds from a sample timestamp of unknown unit, classified by magnitude as
   * bkmonitorbeat does, so that seconds (OpenMetrics), milliseconds (Prometheus text),
   * microseconds and nanoseconds all land on the right instant.
   */
  static double toSeconds(double raw) {
    double abs = Math.abs(raw);
    if (abs < 1e11) {
      return raw;
    }
    if (abs < 1e14) {
      return raw / 1e3;
    }
    if (abs < 1e17) {
      return raw / 1e6;
    }
    return raw / 1e9;
  }

  /** bkmonitorbeat's exemplar map, only when a trace or span label exists. */
  private static Map<String, Object> exemplar(Exemplar exemplar) {
    if (exemplar == null) {
      return null;
    }
    String trace = first(exemplar.labels(), "traceID", "trace_id");
    String span = first(exemplar.labels(), "spanID", "span_id");
    if (trace == null && span == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (trace != null) {
      m.put("bk_trace_id", trace);
    }
    if (span != null) {
      m.put("bk_span_id", span);
    }
    m.put("bk_trace_timestamp", exemplar.hasTimestamp() ? (long) Math.floor(toSeconds(exemplar.timestamp())) : 0L);
    m.put("bk_trace_value", Double.isFinite(exemplar.value()) ? exemplar.value() : 0.0);
    return m;
  }

  private static String first(Map<String, String> labels, String a, String b) {
    String v = labels.get(a);
    return v != null ? v : labels.get(b);
  }

  /** Runs of characters other than letters, digits and '_' become one '_'; ends trimmed. */
  static String normalize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    boolean pending = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean word = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (word) {
        if (pending && sb.length() > 0) {
          sb.append('_');
        }
        pending = false;
        sb.append(c);
      } else {
        pending = true;
      }
    }
    return sb.toString();
  }
}
