package io.bkmonitorbeat.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional trust file ({@code etc/plugins.trust}): when it exists, a jar loads only if its
 * SHA-256 is listed for its file name. The format is {@code sha256sum}'s output, so an operator
 * writes it with {@code sha256sum plugins/*.jar > etc/plugins.trust}: one {@code <64 hex digits>
 * <spaces> [*]<path>} per line, only the path's file name counts; blank lines and {@code #}
 * comments are skipped. The file is read again at every check, so editing it needs no restart.
 * Stateless; thread-safe.
 */
final class PluginTrust {
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(.+)");

  private final Path file;

  /** @param file the trust file; need not exist */
  PluginTrust(Path file) {
    this.file = file;
  }

  /** Returns the trust file's path. */
  Path file() {
    return file;
  }

  /**
   * Checks a jar's digest. Returns empty when the jar may load (no trust file, or the file lists
   * this digest for this name), else why not.
   */
  Optional<String> check(String jarName, String sha256) {
    Map<String, String> trusted;
    try {
      trusted = read();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("trust file " + file + " cannot be read: " + e.getMessage());
    }
    String expected = trusted.get(jarName);
    if (expected == null) {
      return Optional.of("not listed in the trust file " + file);
    }
    if (!expected.equals(sha256.toLowerCase(Locale.ROOT))) {
      return Optional.of("SHA-256 " + sha256 + " does not match the trust file " + file
          + " (" + expected + ")");
    }
    return Optional.empty();
  }

  private Map<String, String> read() throws IOException {
    List<String> lines = Files.readAllLines(file);
    Map<String, String> trusted = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not '<sha256>  <jar>'");
      }
      String name = Path.of(matcher.group(2).strip()).getFileName().toString();
      trusted.put(name, matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return trusted;
  }
}
