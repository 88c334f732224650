package io.bkmonitorbeat.proc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex written for Go (RE2) compiled for Java: named groups {@code (?P<name>...)} and names
 * with underscores (both invalid in Java) are renamed {@code g0}, {@code g1}, ... and the
 * original names kept. Immutable.
 *
 * @param source the regex as configured
 * @param pattern the compiled Java pattern
 * @param groupNames Java group name to configured name, in order
 */
public record GoRegex(String source, Pattern pattern, Map<String, String> groupNames) {
  private static final Pattern NAMED = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

  /**
   * Compiles {@code source}.
   *
   * @throws java.util.regex.PatternSyntaxException if it is not a valid regex
   */
  public static GoRegex compile(String source) {
    Map<String, String> names = new LinkedHashMap<>();
    Matcher m = NAMED.matcher(source);
    StringBuilder java = new StringBuilder();
    while (m.find()) {
      String javaName = "g" + names.size();
      names.put(javaName, m.group(1));
      m.appendReplacement(java, Matcher.quoteReplacement("(?<" + javaName + ">"));
    }
    m.appendTail(java);
    return new GoRegex(source, Pattern.compile(java.toString()),
        Collections.unmodifiableMap(names));
  }
}
