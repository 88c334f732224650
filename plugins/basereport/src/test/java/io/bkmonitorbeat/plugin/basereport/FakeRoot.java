package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.ProcFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fixture file tree standing in for /, written by the test. */
final class FakeRoot {
  final Path root;

  FakeRoot(Path root) {
    this.root = root;
  }

  FakeRoot write(String path, String text) {
    try {
      Path p = root.resolve(path.substring(1));
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeRoot link(String path, String target) {
    try {
      Path p = root.resolve(path.substring(1));
      Files.createDirectories(p.getParent());
      Path t = root.resolve(target.substring(1));
      Files.createDirectories(t);
      Files.createSymbolicLink(p, t);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProcFs fs() {
    return new ProcFs(root);
  }
}
