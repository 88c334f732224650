package io.bkmonitorbeat.tail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A listener that records lines as text (and whether each was cut). */
final class Lines implements LineListener {
  final List<String> lines = new ArrayList<>();
  final List<Boolean> cut = new ArrayList<>();
  final List<Path> files = new ArrayList<>();

  @Override
  public synchronized void onLine(Path file, byte[] buf, int off, int len, boolean wasCut) {
    lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
    cut.add(wasCut);
    files.add(file);
  }

  synchronized List<String> snapshot() {
    return List.copyOf(lines);
  }
}
