package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Settings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which metrics become deltas and which get a per-second rate, from {@code diff_metrics} and the
 * {@code delta}/{@code rate} relabel extensions. As in bkmonitorbeat they are mutually exclusive
 * with precedence {@code diff_metrics} &gt; {@code rate} rules &gt; {@code delta} rules.
 * Immutable.
 *
 * @param delta metric names whose value is replaced by the difference to the previous scrape
 * @param rate source metric name to the name of the added per-second rate metric
 */
record DeltaRateRules(Set<String> delta, Map<String, String> rate) {

  static final DeltaRateRules NONE = new DeltaRateRules(Set.of(), Map.of());

  DeltaRateRules {
    delta = Set.copyOf(delta);
    rate = Map.copyOf(rate);
  }

  boolean isEmpty() {
    return delta.isEmpty() && rate.isEmpty();
  }

  /** Reads {@code diff_metrics} and the delta/rate entries of {@code metric_relabel_configs}. */
  static DeltaRateRules parse(List<String> diffMetrics, List<Settings> relabelConfigs) {
    if (!diffMetrics.isEmpty()) {
      return new DeltaRateRules(new LinkedHashSet<>(diffMetrics), Map.of());
    }
    Map<String, String> rate = new LinkedHashMap<>();
    Set<String> delta = new LinkedHashSet<>();
    for (Settings rule : relabelConfigs) {
      String action = rule.string("action", "").trim();
      if (action.equalsIgnoreCase("rate")) {
        List<String> sources = rule.strings("source_labels");
        if (!sources.equals(List.of("__name__"))) {
          throw rule.error("source_labels", "must be [__name__] for action rate");
        }
        String source = rule.string("regex", "").trim();
        String target = rule.string("replacement", "").trim();
        if (source.isEmpty()) {
          throw rule.error("regex", "must name the source metric for action rate");
        }
        if (target.isEmpty() || target.equals(source)) {
          throw rule.error("replacement", "must name the new rate metric (not the source) for action rate");
        }
        rate.put(source, target);
      } else if (action.equalsIgnoreCase("delta")) {
        List<String> sources = rule.strings("source_labels");
        if (sources.isEmpty()) {
          throw rule.error("source_labels", "must list the metric names for action delta");
        }
        delta.addAll(sources);
      }
    }
    if (!rate.isEmpty()) {
      return new DeltaRateRules(Set.of(), rate);
    }
    return delta.isEmpty() ? NONE : new DeltaRateRules(delta, Map.of());
  }
}
