package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the core pattern comes from: the task's {@code corefile_pattern}, else the kernel's {@code
 * core_pattern} file (first 512 bytes, as the original); and whether {@code core_uses_pid} is on.
 * The file paths are a seam so tests never touch the machine's settings. Thread-safe.
 */
final class CorePatternSource {
  static final Path CORE_PATTERN = Path.of("/proc/sys/kernel/core_pattern");
  static final Path CORE_USES_PID = Path.of("/proc/sys/kernel/core_uses_pid");

  private final String configured;
  private final Path patternFile;
  private final Path usesPidFile;

  CorePatternSource(String configured, Path patternFile, Path usesPidFile) {
    this.configured = configured;
    this.patternFile = patternFile;
    this.usesPidFile = usesPidFile;
  }

  /** The current pattern text. */
  String pattern() throws IOException {
    return configured.isEmpty() ? head(patternFile) : configured;
  }

  /** Whether the kernel appends {@code .<pid>}; false when the file cannot be read. */
  boolean usesPid() {
    try {
      String text = head(usesPidFile);
      return !text.isEmpty() && text.charAt(0) != '0';
    } catch (IOException e) {
      return false;
    }
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(512), StandardCharsets.UTF_8);
    }
  }
}
