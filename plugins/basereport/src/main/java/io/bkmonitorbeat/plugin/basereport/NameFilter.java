package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * basereport's white/black list rule (spec 2.1): with a non-empty white list keep only names that
 * match a white pattern; else drop names that match a black pattern; else keep. Patterns are
 * unanchored searches ({@code Matcher.find}); an invalid one is logged and skipped, as the
 * original does. Thread-safe (the remembered verdicts are a concurrent map).
 */
final class NameFilter {
  private static final Logger log = LoggerFactory.getLogger(NameFilter.class);
  static final NameFilter ALL = new NameFilter(List.of(), List.of());

  private static final int MAX_REMEMBERED = 4096;

  private final List<Pattern> white;
  private final List<Pattern> black;
  // The same devices, mounts and interfaces come back every run: remember the verdicts instead
  // of running every regex again (a Matcher per pattern and name was a fifth of the allocation).
  private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

  NameFilter(List<Pattern> white, List<Pattern> black) {
    this.white = List.copyOf(white);
    this.black = List.copyOf(black);
  }

  /** Reads {@code <prefix>_white_list} and {@code <prefix>_black_list} of {@code s}. */
  static NameFilter read(Settings s, String whiteKey, String blackKey) {
    return new NameFilter(patterns(s, whiteKey), patterns(s, blackKey));
  }

  static List<Pattern> patterns(Settings s, String key) {
    List<Pattern> out = new ArrayList<>();
    for (String p : s.strings(key)) {
      try {
        out.add(Pattern.compile(p));
      } catch (PatternSyntaxException e) {
        log.warn("{}: invalid regular expression '{}' skipped: {}", s.pathOf(key), p,
            e.getDescription());
      }
    }
    return out;
  }

  boolean accepts(String name) {
    Boolean v = verdicts.get(name);
    if (v == null) {
      if (verdicts.size() > MAX_REMEMBERED) {
        verdicts.clear();
      }
      v = decide(name);
      verdicts.put(name, v);
    }
    return v;
  }

  private boolean decide(String name) {
    if (!white.isEmpty()) {
      return matchesWhite(name);
    }
    return !matchesAny(black, name);
  }

  boolean hasWhite() {
    return !white.isEmpty();
  }

  boolean matchesWhite(String name) {
    return matchesAny(white, name);
  }

  static boolean matchesAny(List<Pattern> patterns, String name) {
    for (Pattern p : patterns) {
      if (p.matcher(name).find()) {
        return true;
      }
    }
    return false;
  }
}
