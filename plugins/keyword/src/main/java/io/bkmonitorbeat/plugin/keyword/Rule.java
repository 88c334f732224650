package io.bkmonitorbeat.plugin.keyword;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One keyword rule: a name and a regex whose named groups become event dimensions. Patterns are
 * written for Go's RE2, whose group syntax {@code (?P<name>...)} and names ({@code error_code},
 * with underscores) Java does not accept; so every named group is renamed to {@code g1, g2, ...}
 * when compiling, and its configured name is kept in {@link #groups()}, in regex order.
 * Immutable.
 *
 * @param name the rule name (the event's {@code event_name})
 * @param pattern the compiled regex (unanchored search)
 * @param groups the configured group names, in the order they appear in the regex
 * @param literal text every match must contain, or empty: a line without it is skipped with a
 *     plain {@code indexOf} (vectorised by the JIT) instead of running the regex
 */
record Rule(String name, Pattern pattern, List<String> groups, String literal) {

  private static final String META = "\\.[](){}*+?^$|";

  Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    groups = List.copyOf(groups);
    Objects.requireNonNull(literal, "literal");
  }

  /**
   * Returns the literal text a pattern's matches must contain: the run of plain characters at
   * its start (after an optional {@code ^}), without a last character that a quantifier follows.
   * Conservative: a pattern with any {@code |} (alternation could skip the run) or starting with
   * a group, class, escape or flag gives none, and so does a run shorter than 2 characters.
   */
  static String requiredLiteral(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '|') {
        return "";
      }
    }
    int start = pattern.startsWith("^") ? 1 : 0;
    int end = start;
    while (end < pattern.length() && META.indexOf(pattern.charAt(end)) < 0) {
      end++;
    }
    if (end < pattern.length() && "*?{".indexOf(pattern.charAt(end)) >= 0) {
      end--; // the last character is quantified (may be absent or repeated)
    }
    return end - start >= 2 ? pattern.substring(start, end) : "";
  }

  /**
   * Compiles a Go-style pattern.
   *
   * @throws java.util.regex.PatternSyntaxException if it is not a valid regex
   */
  static Rule compile(String name, String goPattern) {
    List<String> groups = new ArrayList<>();
    String javaPattern = renameGroups(goPattern, groups);
    return new Rule(name, Pattern.compile(javaPattern), groups, requiredLiteral(goPattern));
  }

  /** Rewrites {@code (?P<x>} and {@code (?<x>} to {@code (?<gN>}, outside escapes and classes. */
  static String renameGroups(String pattern, List<String> names) {
    StringBuilder out = new StringBuilder(pattern.length());
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        out.append(c).append(pattern.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
          out.append(pattern.charAt(++i)); // a leading ']' is a literal inside a class
        }
        continue;
      }
      int nameStart = -1;
      if (pattern.startsWith("(?P<", i)) {
        nameStart = i + 4;
      } else if (pattern.startsWith("(?<", i) && i + 3 < pattern.length()
          && pattern.charAt(i + 3) != '=' && pattern.charAt(i + 3) != '!') {
        nameStart = i + 3;
      }
      int nameEnd = nameStart < 0 ? -1 : pattern.indexOf('>', nameStart);
      if (nameEnd > nameStart) {
        names.add(pattern.substring(nameStart, nameEnd));
        out.append("(?<g").append(names.size()).append('>');
        i = nameEnd;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
