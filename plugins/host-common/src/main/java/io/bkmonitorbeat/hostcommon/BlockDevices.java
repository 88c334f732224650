package io.bkmonitorbeat.hostcommon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What sysfs and udev say about a block device. Partition detection uses the sysfs {@code
 * partition} attribute, not the original's name regex that took {@code nvme0n1}, {@code loop0} and
 * {@code sr0} for partitions (gap 9). Thread-safe (stateless over an immutable {@link ProcFs}).
 */
public final class BlockDevices {
  private final ProcFs fs;

  /** Creates a view of the block devices below {@code fs}'s root. */
  public BlockDevices(ProcFs fs) {
    this.fs = fs;
  }

  /** Whether the device is a partition: sysfs has a {@code partition} attribute for it. */
  public boolean isPartition(String name, int major, int minor) {
    return fs.exists("/sys/dev/block/" + major + ":" + minor + "/partition")
        || fs.exists("/sys/class/block/" + sysfsName(name) + "/partition");
  }

  /**
   * Returns the whole disk a partition belongs to ({@code sda} for {@code sda1}, {@code nvme0n1}
   * for {@code nvme0n1p2}): the parent directory of the partition in sysfs. Empty when sysfs
   * does not know the device.
   */
  public Optional<String> parentDisk(String name) {
    return fs.realPath("/sys/class/block/" + sysfsName(name))
        .map(Path::getParent)
        .map(p -> p.getFileName().toString().replace('!', '/'));
  }

  /** Returns the device-mapper name ({@code /sys/block/<name>/dm/name}), or {@code ""}. */
  public String dmName(String name) {
    return fs.firstLine("/sys/block/" + sysfsName(name) + "/dm/name").orElse("");
  }

  /**
   * Returns the serial number: udev's {@code E:ID_SERIAL=} of {@code /run/udev/data/b<maj>:<min>},
   * else sysfs {@code device/serial}, else {@code ""}.
   */
  public String serial(String name, int major, int minor) {
    for (String line : fs.lines("/run/udev/data/b" + major + ":" + minor)) {
      if (line.startsWith("E:ID_SERIAL=")) {
        return line.substring("E:ID_SERIAL=".length());
      }
    }
    return fs.firstLine("/sys/block/" + sysfsName(name) + "/device/serial").orElse("");
  }

  /** sysfs writes {@code /} in device names (cciss/c0d0) as {@code !}. */
  private static String sysfsName(String name) {
    return name.replace('/', '!');
  }
}
