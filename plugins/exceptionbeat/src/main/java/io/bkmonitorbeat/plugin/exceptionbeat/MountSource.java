package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the mount table of real file systems: {@code <proc>/1/mounts} (the host's view when the
 * agent shares the host's pid namespace), else {@code <proc>/self/mounts}, filtered by the {@code
 * nodev} types of {@code <proc>/filesystems}, devices named as the original did ({@link
 * DeviceNames}). Thread-safe.
 */
final class MountSource {
  private final Path proc;
  private final Stats stats;
  private final DeviceNames devices;

  /** @param proc the proc file system's root, normally {@code /proc}; sysfs is {@code /sys} */
  MountSource(Path proc, Stats stats) {
    this(proc, Path.of("/sys"), stats);
  }

  /** @param sys the sysfs root, for {@link DeviceNames} */
  MountSource(Path proc, Path sys, Stats stats) {
    this.proc = proc;
    this.stats = stats;
    this.devices = new DeviceNames(sys);
  }

  /** Returns the mounts of real file systems. */
  List<Mount> physicalMounts() throws IOException {
    String table;
    try {
      table = read(proc.resolve("1/mounts"));
    } catch (IOException e) {
      table = read(proc.resolve("self/mounts"));
    }
    MountTable.Parsed parsed = MountTable.parse(table);
    stats.mountLinesMalformed.addAndGet(parsed.malformed());
    Set<String> nodev;
    try {
      nodev = MountTable.nodevTypes(read(proc.resolve("filesystems")));
    } catch (IOException e) {
      nodev = Set.of("proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
          "overlay", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs",
          "hugetlbfs", "fusectl", "configfs", "binfmt_misc", "rpc_pipefs", "nsfs", "ramfs");
    }
    return MountTable.physical(parsed.mounts(), nodev).stream().map(devices::resolve).toList();
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
