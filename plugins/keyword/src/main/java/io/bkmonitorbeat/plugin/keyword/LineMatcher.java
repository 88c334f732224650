package io.bkmonitorbeat.plugin.keyword;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a task's filters and rules to one decoded line (spec 9.3): a line any filter finds is
 * dropped; otherwise every rule whose regex finds a match yields a result with its group values
 * in regex order (an unmatched optional group gives an empty value). A rule whose required
 * literal ({@link Rule#literal()}) is not in the line is skipped without running its regex. Reuses its matchers, so it
 * is not thread-safe; confined to the tailer's thread.
 */
final class LineMatcher {
  /** Receives one match. */
  interface Sink {
    void match(Rule rule, List<String> groupValues, String line);
  }

  /** {@link #apply} result for a line a filter dropped. */
  static final int FILTERED = -1;

  private final Matcher[] filters;
  private final Rule[] rules;
  private final Matcher[] matchers;

  LineMatcher(List<Pattern> filters, List<Rule> rules) {
    this.filters = filters.stream().map(p -> p.matcher("")).toArray(Matcher[]::new);
    this.rules = rules.toArray(Rule[]::new);
    this.matchers = rules.stream().map(r -> r.pattern().matcher("")).toArray(Matcher[]::new);
  }

  /** Returns how many rules matched, or {@link #FILTERED}. */
  int apply(String line, Sink sink) {
    for (Matcher filter : filters) {
      if (filter.reset(line).find()) {
        return FILTERED;
      }
    }
    int matched = 0;
    for (int r = 0; r < rules.length; r++) {
      String literal = rules[r].literal();
      if (!literal.isEmpty() && line.indexOf(literal) < 0) {
        continue; // cannot match: skip the regex
      }
      Matcher m = matchers[r].reset(line);
      if (!m.find()) {
        continue;
      }
      matched++;
      Rule rule = rules[r];
      List<String> values = new ArrayList<>(rule.groups().size());
      for (int g = 1; g <= rule.groups().size(); g++) {
        String value = m.group("g" + g);
        values.add(value == null ? "" : value);
      }
      sink.match(rule, values, line);
    }
    return matched;
  }
}
