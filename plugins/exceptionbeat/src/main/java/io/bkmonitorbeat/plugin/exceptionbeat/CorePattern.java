package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel core pattern ({@code core(5)}) split into the directory core files go to and the file
 * name pattern, with the original's way of reading dimensions back out of a core file's name (spec
 * 4.5). Pure; immutable and thread-safe.
 *
 * <p>The name pattern is cut into (literal prefix, {@code %X} specifier) pairs; each specifier
 * becomes a regex group ({@code \d+} for the numeric ones, {@code .*} otherwise) and the name is
 * matched twice, lazily and greedily: a group whose two values differ is ambiguous and dropped.
 * Unlike the original, every literal prefix is matched literally (the original escaped a prefix
 * only when it was exactly one regex metacharacter, so {@code core.%p} let the dot match anything).
 *
 * @param directory the directory of the pattern ({@code /data/corefile} of {@code
 *     /data/corefile/core_%e_%p})
 * @param watchRoot the longest leading part of the directory without a specifier: what is
 *     watched, with its sub-directories ({@code /cores} of {@code /cores/%u/core.%p})
 * @param namePattern the file name part
 * @param pairs the parsed pairs, the sentinel {@code %z} last; empty when the pattern is
 *     unparsable (two specifiers without a separator), in which case any new file is a core file
 */
record CorePattern(String directory, String watchRoot, String namePattern, List<Pair> pairs) {

  static final String EXECUTABLE = "executable";
  static final String EXECUTABLE_PATH = "executable_path";
  static final String SIGNAL = "signal";
  static final String EVENT_TIME = "event_time";

  private static final Pattern PAIR = Pattern.compile("(.*?)(%[a-zA-Z])");
  private static final Set<Character> NUMERIC = Set.of('c', 'g', 'i', 'I', 'p', 'P', 's', 't', 'u');
  private static final Map<Character, String> NAMED =
      Map.of('e', EXECUTABLE, 'E', EXECUTABLE_PATH, 's', SIGNAL, 't', EVENT_TIME);

  /** One literal prefix and the specifier after it. */
  record Pair(String prefix, char specifier) {}

  CorePattern {
    pairs = List.copyOf(pairs);
  }

  /**
   * Parses a pattern as {@code /proc/sys/kernel/core_pattern} holds it (trailing newline and NULs
   * allowed).
   *
   * @return the pattern, or empty with the reason when core files do not go to a directory (a
   *     {@code |} pipe to a helper such as systemd-coredump, or a relative name)
   */
  static Result parse(String text) {
    int nul = text.indexOf('\0');
    String line = (nul >= 0 ? text.substring(0, nul) : text);
    int newline = line.indexOf('\n');
    line = (newline >= 0 ? line.substring(0, newline) : line).strip();
    if (line.startsWith("|")) {
      return Result.error("core files are piped to a helper (" + line
          + "); only a core_pattern that is an absolute path can be watched");
    }
    int slash = line.lastIndexOf('/');
    if (!line.startsWith("/") || slash < 0) {
      return Result.error("core_pattern '" + line + "' is not an absolute path (core files go"
          + " to each process's working directory); nothing to watch");
    }
    String directory = slash == 0 ? "/" : line.substring(0, slash);
    String name = line.substring(slash + 1);
    return Result.ok(new CorePattern(directory, watchRoot(directory), name, pairs(name)));
  }

  /** The outcome of {@link #parse}: a pattern or the reason there is none. */
  record Result(Optional<CorePattern> pattern, String error) {
    static Result ok(CorePattern pattern) {
      return new Result(Optional.of(pattern), "");
    }

    static Result error(String error) {
      return new Result(Optional.empty(), error);
    }
  }

  private static String watchRoot(String directory) {
    int percent = directory.indexOf('%');
    if (percent < 0) {
      return directory;
    }
    int slash = directory.lastIndexOf('/', percent);
    return slash <= 0 ? "/" : directory.substring(0, slash);
  }

  private static List<Pair> pairs(String name) {
    Matcher matcher = PAIR.matcher(name + "%z");
    List<Pair> pairs = new ArrayList<>();
    while (matcher.find()) {
      pairs.add(new Pair(matcher.group(1), matcher.group(2).charAt(1)));
    }
    for (int i = 1; i < pairs.size() - 1; i++) {
      if (pairs.get(i).prefix().isEmpty()) {
        return List.of(); // two specifiers in a row: their boundary cannot be found
      }
    }
    return pairs;
  }

  /** How many directory levels below the core directory are watched for core files. */
  static final int SUB_DIRECTORY_DEPTH = 2;

  /**
   * How deep below {@link #watchRoot} directories are watched: the levels the pattern's directory
   * has below the root, plus {@link #SUB_DIRECTORY_DEPTH} — except under {@code /}, where only the
   * pattern's own levels are watched (never the whole file system).
   */
  int watchDepth() {
    String below = watchRoot.equals("/") ? directory : directory.substring(watchRoot.length());
    int levels = (int) java.util.Arrays.stream(below.split("/")).filter(s -> !s.isEmpty()).count();
    return levels + (watchRoot.equals("/") ? 0 : SUB_DIRECTORY_DEPTH);
  }

  /** Whether the name pattern could be parsed into pairs. */
  boolean parsable() {
    return !pairs.isEmpty();
  }

  /**
   * Returns the dimensions read from a core file's base name, or empty when the name does not
   * have the pattern's shape (not a core file). An unparsable pattern accepts every name with no
   * dimensions.
   *
   * @param usesPid {@code kernel.core_uses_pid}: without {@code %p} the kernel appends {@code
   *     .<pid>}, which is cut off first (a name without a dot is then not a core file)
   */
  Optional<Map<String, String>> dimensions(String fileName, boolean usesPid) {
    String name = fileName;
    if (usesPid && !namePattern.contains("%p")) {
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      name = name.substring(0, dot);
    }
    if (!parsable()) {
      return Optional.of(Map.of());
    }
    Matcher lazy = regex(false).matcher(name);
    if (!lazy.matches()) {
      return Optional.empty();
    }
    Matcher greedy = regex(true).matcher(name);
    boolean greedyMatched = greedy.matches();
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (int i = 0; i < pairs.size() - 1; i++) {
      String key = NAMED.get(pairs.get(i).specifier());
      String value = lazy.group(i + 1);
      String other = greedyMatched ? greedy.group(i + 1) : "";
      if (key != null && !value.isEmpty() && value.equals(other)) {
        dimensions.put(key, value);
      }
    }
    translate(dimensions);
    return Optional.of(dimensions);
  }

  private static void translate(Map<String, String> dimensions) {
    dimensions.computeIfPresent(SIGNAL, (k, v) -> Signals.name(v));
    dimensions.computeIfPresent(EXECUTABLE_PATH, (k, v) -> v.replace('!', '/'));
    String path = dimensions.get(EXECUTABLE_PATH);
    if (!dimensions.containsKey(EXECUTABLE) && path != null && !path.isEmpty()) {
      dimensions.put(EXECUTABLE, baseName(path));
    }
  }

  private Pattern regex(boolean greedy) {
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < pairs.size(); i++) {
      Pair pair = pairs.get(i);
      if (!pair.prefix().isEmpty()) {
        regex.append(Pattern.quote(pair.prefix()));
      }
      if (i < pairs.size() - 1) {
        regex.append('(').append(NUMERIC.contains(pair.specifier()) ? "\\d+" : ".*")
            .append(greedy ? "" : "?").append(')');
      }
    }
    return Pattern.compile(regex.append('$').toString());
  }

  /** The last element of a path, trailing slashes ignored (Go's {@code filepath.Base}). */
  static String baseName(String path) {
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 || trimmed.equals("/") ? trimmed : trimmed.substring(slash + 1);
  }
}
