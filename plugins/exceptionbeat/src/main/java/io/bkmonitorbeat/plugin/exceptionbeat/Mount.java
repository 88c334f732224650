package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.List;

/**
 * One line of the mount table.
 *
 * @param device the mounted device ({@code /dev/vda1}, {@code tmpfs}, ...)
 * @param mountPoint the mount path, octal escapes decoded
 * @param fsType the file system type
 * @param options the mount options as listed, e.g. {@code [ro, relatime]}
 */
record Mount(String device, String mountPoint, String fsType, List<String> options) {
  Mount {
    options = List.copyOf(options);
  }

  /** Whether the mount is read-only (an {@code ro} option). */
  boolean readOnly() {
    return options.contains("ro");
  }

  /** The key of the read-only history ({@code <device>-<fstype>-<mountpoint>}, spec 4.3). */
  String key() {
    return device + "-" + fsType + "-" + mountPoint;
  }
}
