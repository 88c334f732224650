package io.bkmonitorbeat.hostcommon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the /proc fixtures of src/test/resources/proc. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/proc/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8).lines().toList();
  }

  /** A Malformed that records what it was told. */
  static final class Recorder implements Malformed {
    final List<String> lines = new ArrayList<>();

    @Override
    public void line(String source, String line) {
      lines.add(source + ": " + line);
    }
  }
}
