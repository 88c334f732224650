package io.bkmonitorbeat.host.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes config files for tests. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A main file in check mode with no host-id file, plus {@code extra} under bkmonitorbeat. */
  static Path main(Path dir, String extra) {
    return write(dir.resolve("bkmonitorbeat.yml"),
        "bkmonitorbeat:\n  host_id_path: " + dir.resolve("no-hostid") + "\n"
            + extra.indent(2));
  }
}
