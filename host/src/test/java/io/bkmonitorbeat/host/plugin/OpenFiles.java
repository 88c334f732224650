package io.bkmonitorbeat.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The process's open file descriptors, from {@code /proc/self/fd} (Linux). */
public final class OpenFiles {
  private OpenFiles() {}

  /** Lists the targets of this process's open descriptors that are files under {@code dir}. */
  public static List<String> under(Path dir) throws IOException {
    String prefix = dir.toRealPath().toString();
    List<String> open = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(prefix)) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return open;
  }
}
