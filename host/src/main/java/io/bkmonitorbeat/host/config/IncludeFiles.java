package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the candidate child files of the include directory (spec 4.1): every regular file, in
 * lexical name order, descending into a sub-directory in place (only when recursive). Hidden
 * files (name starting with a dot) are skipped: they are the temp files of writers that rename
 * a complete file into place (procconf, procsync, editors), never configs of their own. A missing
 * directory has no files; an include path that is a regular file is a {@link ConfigException}; an
 * unreadable sub-directory becomes a problem. Stateless; thread-safe.
 */
final class IncludeFiles {
  private IncludeFiles() {}

  /** The files found, and the sub-directories that could not be listed. */
  record Listing(List<Path> files, List<ConfigProblem> problems) {}

  static Listing list(Path dir, boolean recursive, String mainFile) {
    if (Files.isRegularFile(dir)) {
      throw new ConfigException(
          mainFile + ": bkmonitorbeat.include: must be a directory, was '" + dir + "'");
    }
    List<Path> files = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try {
        walk(dir, recursive, files, problems);
      } catch (IOException e) {
        throw new ConfigException(
            mainFile + ": bkmonitorbeat.include: cannot list '" + dir + "': " + e, e);
      }
    }
    return new Listing(List.copyOf(files), List.copyOf(problems));
  }

  private static void walk(Path dir, boolean recursive, List<Path> files,
      List<ConfigProblem> problems) throws IOException {
    List<Path> entries;
    try (Stream<Path> stream = Files.list(dir)) {
      entries = stream.sorted((a, b) -> a.getFileName().toString()
          .compareTo(b.getFileName().toString())).toList();
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        if (recursive) {
          walkSub(entry, files, problems);
        }
      } else if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
        files.add(entry);
      }
    }
  }

  private static void walkSub(Path dir, List<Path> files, List<ConfigProblem> problems) {
    try {
      walk(dir, true, files, problems);
    } catch (IOException e) {
      problems.add(new ConfigProblem(dir.toString(), "cannot list directory: " + e));
    }
  }
}
