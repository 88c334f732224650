package io.bkmonitorbeat.tail;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expands file globs into the regular files to follow. Each glob is walked from its longest
 * directory prefix without glob characters, no deeper than its number of segments (unless it
 * contains {@code **}); symlinks are followed and every result is the file's real path, as the
 * original resolves links to their final target. Files an exclude regex finds are left out.
 * Unreadable directories and link loops are skipped. Stateless apart from its configuration;
 * thread-safe.
 */
public final class FileDiscovery {
  private final List<Glob> globs = new ArrayList<>();
  private final List<Pattern> excludes;

  private record Glob(Path base, int depth, PathMatcher matcher) {}

  /**
   * Creates a discovery for absolute globs.
   *
   * @throws IllegalArgumentException if a glob is not absolute or is malformed
   */
  public FileDiscovery(List<String> patterns, List<Pattern> excludes) {
    this.excludes = List.copyOf(excludes);
    for (String pattern : patterns) {
      globs.add(compile(pattern));
    }
  }

  private static Glob compile(String raw) {
    String pattern = raw.trim();
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute, was '" + raw + "'");
    }
    pattern = pattern.replaceAll("/+", "/");
    String[] segments = pattern.substring(1).split("/");
    Path base = Path.of("/");
    int i = 0;
    for (; i < segments.length - 1; i++) {
      if (hasGlob(segments[i]) || segments[i].equals("..") || segments[i].equals(".")) {
        break;
      }
      base = base.resolve(segments[i]);
    }
    int depth = pattern.contains("**") ? Integer.MAX_VALUE : segments.length - i;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    return new Glob(base, depth, matcher);
  }

  private static boolean hasGlob(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Returns the real paths of the matching regular files, in discovery order. */
  public Set<Path> find() {
    Set<Path> found = new LinkedHashSet<>();
    for (Glob glob : globs) {
      if (!Files.isDirectory(glob.base)) {
        continue;
      }
      try {
        Files.walkFileTree(glob.base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), glob.depth,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && glob.matcher.matches(file)) {
                  add(file, found);
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable entry or a link loop
              }
            });
      } catch (IOException e) {
        // walkFileTree reports per-entry failures to visitFileFailed; nothing else to do here
      }
    }
    return found;
  }

  private void add(Path file, Set<Path> found) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return; // vanished between the listing and now
    }
    String text = real.toString();
    for (Pattern exclude : excludes) {
      if (exclude.matcher(text).find() || exclude.matcher(file.toString()).find()) {
        return;
      }
    }
    found.add(real);
  }
}
