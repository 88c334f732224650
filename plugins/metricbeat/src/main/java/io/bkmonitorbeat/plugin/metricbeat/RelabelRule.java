package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Prometheus relabel rule ({@code metric_relabel_configs} entry), with Prometheus' semantics:
 * the regex is anchored at both ends, {@code replacement} and {@code target_label} expand {@code
 * $1}, {@code ${1}}, {@code $name} and {@code ${name}} as Go's {@code Regexp.Expand} does (an
 * unknown group expands to nothing, {@code $$} is a dollar), a replacement that expands to the
 * empty string deletes the target label. Immutable and thread-safe.
 *
 * <p>Actions: {@code replace} (default), {@code keep}, {@code drop}, {@code hashmod}, {@code
 * labelmap}, {@code labeldrop}, {@code labelkeep}, plus {@code lowercase}, {@code uppercase},
 * {@code keepequal} and {@code dropequal} from current Prometheus. The bkmonitorbeat extensions
 * {@code delta} and {@code rate} are not relabel rules; {@link DeltaRateRules} reads them.
 *
 * @param action what the rule does
 * @param sourceLabels the labels whose values are joined ({@code __name__} is the metric name)
 * @param separator joins the source values (default {@code ;})
 * @param regex the anchored regex (default {@code (.*)})
 * @param modulus the hashmod modulus
 * @param targetLabel the label written by replace/hashmod/lowercase/uppercase, or compared by
 *     keepequal/dropequal
 * @param replacement the replacement template (default {@code $1})
 */
record RelabelRule(Action action, List<String> sourceLabels, String separator, Pattern regex,
    long modulus, String targetLabel, String replacement) {

  /** The relabel actions. */
  enum Action {
    REPLACE, KEEP, DROP, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE, KEEPEQUAL,
    DROPEQUAL;

    static Action parse(String text) {
      return Action.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  RelabelRule {
    sourceLabels = List.copyOf(sourceLabels);
  }

  /** Reads a local rule (snake_case keys); a bad rule is a configuration error naming its key. */
  static RelabelRule fromSettings(Settings s) {
    return build(s, s.string("action", "replace"), s.strings("source_labels"),
        s.string("separator", ";"), s.string("regex", "(.*)"), s.longValue("modulus", 0),
        s.string("target_label", ""), s.string("replacement", "$1"),
        "source_labels", "target_label");
  }

  /**
   * Reads a remote rule (the camelCase keys of {@code metric_relabel_remote}).
   *
   * @throws ConfigException naming the rule's position and key
   */
  static RelabelRule fromRemote(Settings s) {
    return build(s, s.string("action", "replace"), s.strings("sourceLabels"),
        s.string("separator", ";"), s.string("regex", "(.*)"), s.longValue("modulus", 0),
        s.string("targetLabel", ""), s.string("replacement", "$1"), "sourceLabels", "targetLabel");
  }

  private static RelabelRule build(Settings s, String actionText, List<String> sourceLabels,
      String separator, String regexText, long modulus, String targetLabel, String replacement,
      String sourceKey, String targetKey) {
    Action action;
    try {
      action = Action.parse(actionText.isBlank() ? "replace" : actionText);
    } catch (IllegalArgumentException e) {
      throw s.error("action", "must be one of replace, keep, drop, hashmod, labelmap, labeldrop,"
          + " labelkeep, lowercase, uppercase, keepequal, dropequal (or delta, rate)");
    }
    Pattern regex;
    try {
      // Go's (?P<name>...) is Java's (?<name>...).
      regex = Pattern.compile("^(?:" + regexText.replace("(?P<", "(?<") + ")$");
    } catch (PatternSyntaxException e) {
      throw s.error("regex", "is not a valid regular expression: " + e.getDescription());
    }
    switch (action) {
      case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> {
        if (targetLabel.isBlank()) {
          throw s.error(targetKey, "is required for action " + action.name().toLowerCase(Locale.ROOT));
        }
      }
      default -> { }
    }
    if (action == Action.HASHMOD && modulus <= 0) {
      throw s.error("modulus", "must be a positive integer for action hashmod");
    }
    if ((action == Action.LABELDROP || action == Action.LABELKEEP) && !sourceLabels.isEmpty()) {
      throw s.error(sourceKey, "must be empty for action " + action.name().toLowerCase(Locale.ROOT));
    }
    return new RelabelRule(action, sourceLabels, separator, regex, modulus, targetLabel,
        replacement);
  }

  /**
   * Applies the rule to {@code labels} (which include {@code __name__}), changing them in place.
   *
   * @return false when the sample is to be dropped
   */
  boolean apply(Map<String, String> labels) {
    switch (action) {
      case LABELMAP -> {
        // Collect first: the map must not change while it is iterated.
        String[] pending = null;
        int n = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
          Matcher m = regex.matcher(e.getKey());
          if (m.matches()) {
            if (pending == null) {
              pending = new String[labels.size() * 2];
            }
            pending[n++] = expand(replacement, m);
            pending[n++] = e.getValue();
          }
        }
        for (int i = 0; i < n; i += 2) {
          labels.put(pending[i], pending[i + 1]);
        }
        return true;
      }
      case LABELDROP, LABELKEEP -> {
        boolean dropMatching = action == Action.LABELDROP;
        Iterator<String> it = labels.keySet().iterator();
        while (it.hasNext()) {
          String name = it.next();
          if (regex.matcher(name).matches() == dropMatching) {
            it.remove();
          }
        }
        return true;
      }
      default -> { }
    }
    String value = joined(labels);
    switch (action) {
      case KEEP:
        return regex.matcher(value).matches();
      case DROP:
        return !regex.matcher(value).matches();
      case KEEPEQUAL:
        return value.equals(labels.getOrDefault(targetLabel, ""));
      case DROPEQUAL:
        return !value.equals(labels.getOrDefault(targetLabel, ""));
      case HASHMOD:
        labels.put(targetLabel, Long.toUnsignedString(Long.remainderUnsigned(md5Tail(value), modulus)));
        return true;
      case LOWERCASE:
        labels.put(targetLabel, value.toLowerCase(Locale.ROOT));
        return true;
      case UPPERCASE:
        labels.put(targetLabel, value.toUpperCase(Locale.ROOT));
        return true;
      case REPLACE: {
        Matcher m = regex.matcher(value);
        if (!m.matches()) {
          return true;
        }
        String target = expand(targetLabel, m);
        if (!isValidLabelName(target)) {
          return true;
        }
        String result = expand(replacement, m);
        if (result.isEmpty()) {
          labels.remove(target);
        } else {
          labels.put(target, result);
        }
        return true;
      }
      default:
        throw new IllegalStateException("unhandled action " + action);
    }
  }

  private String joined(Map<String, String> labels) {
    if (sourceLabels.size() == 1) {
      return labels.getOrDefault(sourceLabels.get(0), "");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sourceLabels.size(); i++) {
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(labels.getOrDefault(sourceLabels.get(i), ""));
    }
    return sb.toString();
  }

  /** Prometheus' hashmod: the last 8 bytes of the MD5 digest, big-endian, unsigned. */
  private static long md5Tail(String value) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (digest[i] & 0xff);
    }
    return v;
  }

  private static boolean isValidLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  static String expand(String template, Matcher m) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < n && template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int next;
      if (i + 1 < n && template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? null : template.substring(i + 2, close);
        next = close + 1;
        if (name != null && (name.isEmpty() || !isWord(name))) {
          name = null;
        }
      } else {
        int j = i + 1;
        while (j < n && isWordChar(template.charAt(j))) {
          j++;
        }
        name = j == i + 1 ? null : template.substring(i + 1, j);
        next = j;
      }
      if (name == null) {
        out.append('$'); // malformed: the dollar is literal, as in Go
        i++;
        continue;
      }
      out.append(group(m, name));
      i = next;
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    String value;
    if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      int index;
      try {
        index = Integer.parseInt(name);
      } catch (NumberFormatException e) {
        return "";
      }
      value = index <= m.groupCount() ? m.group(index) : null;
    } else {
      try {
        value = m.group(name);
      } catch (IllegalArgumentException e) {
        value = null;
      }
    }
    return value == null ? "" : value;
  }

  private static boolean isWord(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isWordChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
