package io.bkmonitorbeat.host.publish;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operating system's host name, as Go's {@code os.Hostname()} gives it. Thread-safe.
 *
 * <p>Linux: the kernel's node name from {@code /proc/sys/kernel/hostname}; elsewhere the
 * environment, then {@link InetAddress}. Not cached: the host may be renamed while we run, and
 * callers ask only when agent info changes.
 */
final class HostNames {
  private static final Path PROC_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostNames() {}

  static String osHostname() {
    try {
      if (Files.isReadable(PROC_HOSTNAME)) {
        String name = Files.readString(PROC_HOSTNAME, StandardCharsets.UTF_8).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // fall through to the portable ways
    }
    String env = System.getenv("COMPUTERNAME"); // Windows
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }
}
