package io.bkmonitorbeat.plugin.script;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a stage's executable before anything is started, as the original's pre-flight PATH
 * lookup does: a name with a slash is a path (relative to the agent's working directory), any
 * other name is searched in {@code PATH}.
 */
final class Executables {
  private Executables() {}

  /**
   * Returns the executable file for {@code name}, or empty if there is none.
   *
   * @param path the {@code PATH} to search (colon-separated; may be null)
   */
  static Optional<Path> find(String name, String path) {
    try {
      if (name.contains("/")) {
        Path file = Path.of(name);
        return isExecutableFile(file) ? Optional.of(file.toAbsolutePath()) : Optional.empty();
      }
      if (path == null || name.isEmpty()) {
        return Optional.empty();
      }
      for (String dir : path.split(":", -1)) {
        Path file = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
        if (isExecutableFile(file)) {
          return Optional.of(file.toAbsolutePath());
        }
      }
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isExecutableFile(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }
}
