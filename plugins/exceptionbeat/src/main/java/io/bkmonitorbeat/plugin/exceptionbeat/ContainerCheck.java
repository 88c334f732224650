package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * When OOM detection is off (spec 4.6): on IEG docker hosts ({@code /etc/ieg-docker.conf}), and
 * inside a container — {@code /.dockerenv} exists and either a {@code cgroup} mount is read-only
 * or the pid on the first line of {@code /proc/1/sched} is not 1 — where the kernel log is the
 * host's and its OOMs are not this container's. Paths under a root for tests. Stateless.
 */
final class ContainerCheck {
  private ContainerCheck() {}

  /** Returns why OOM detection is off under {@code root} ("/" normally), or empty. */
  static Optional<String> oomDisabledReason(Path root) {
    if (Files.exists(root.resolve("etc/ieg-docker.conf"))) {
      return Optional.of("/etc/ieg-docker.conf exists (IEG docker host)");
    }
    if (!Files.exists(root.resolve(".dockerenv"))) {
      return Optional.empty();
    }
    if (cgroupReadOnly(read(root.resolve("proc/self/mounts")))) {
      return Optional.of("running in a container (/.dockerenv, read-only cgroup mount)");
    }
    if (schedPidNotOne(read(root.resolve("proc/1/sched")))) {
      return Optional.of("running in a container (/.dockerenv, /proc/1/sched pid is not 1)");
    }
    return Optional.empty();
  }

  static boolean cgroupReadOnly(String mounts) {
    for (Mount mount : MountTable.parse(mounts).mounts()) {
      if (mount.device().equals("cgroup") && mount.readOnly()) {
        return true;
      }
    }
    return false;
  }

  /** First line {@code name (PID, #threads: N)}: whether PID is a number other than 1. */
  static boolean schedPidNotOne(String sched) {
    String line = sched.lines().findFirst().orElse("");
    int open = line.lastIndexOf('(');
    int comma = line.indexOf(',', open + 1);
    if (open < 0 || comma < 0) {
      return false;
    }
    try {
      return Integer.parseInt(line.substring(open + 1, comma).strip()) != 1;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
