package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives mounted devices the names the original reported (gopsutil's {@code disk.Partitions}, spec
 * 2.8): a {@code /dev/mapper/<name>} link is resolved to its target ({@code /dev/dm-0}), and
 * {@code /dev/root} — the kernel's placeholder for the {@code root=} device — becomes the real
 * device, found through the mount point's device number in {@code <sys>/dev/block/<maj>:<min>/uevent}.
 * Any failure keeps the name as listed. Thread-safe.
 */
final class DeviceNames {
  private final Path sys;

  /** @param sys the sysfs root, normally {@code /sys} */
  DeviceNames(Path sys) {
    this.sys = sys;
  }

  Mount resolve(Mount mount) {
    String device = mount.device();
    String resolved = device;
    if (device.startsWith("/dev/mapper/")) {
      resolved = linkTarget(Path.of(device));
    } else if (device.equals("/dev/root")) {
      resolved = rootDevice(Path.of(mount.mountPoint()));
    }
    return resolved.equals(device) ? mount
        : new Mount(resolved, mount.mountPoint(), mount.fsType(), mount.options());
  }

  /** The real path of a device link, or the link itself when it cannot be resolved. */
  static String linkTarget(Path link) {
    try {
      return link.toRealPath().toString();
    } catch (IOException | SecurityException e) {
      return link.toString();
    }
  }

  /** {@code /dev/<DEVNAME>} of the block device holding {@code mountPoint}, or {@code /dev/root}. */
  String rootDevice(Path mountPoint) {
    try {
      long dev = (Long) Files.getAttribute(mountPoint, "unix:dev");
      // glibc's gnu_dev_major / gnu_dev_minor
      long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
      long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
      Path uevent = sys.resolve("dev/block/" + major + ":" + minor + "/uevent");
      for (String line : Files.readAllLines(uevent)) {
        if (line.startsWith("DEVNAME=") && line.length() > 8) {
          return "/dev/" + line.substring(8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep the placeholder
    }
    return "/dev/root";
  }
}
