package io.bkmonitorbeat.hostcommon;

import java.util.List;

/**
 * One mount of the mount table.
 *
 * @param device the mount source, e.g. {@code /dev/sda1} or {@code tmpfs}
 * @param mountPoint where it is mounted, octal escapes ({@code \040}) decoded
 * @param fsType the file system type
 * @param options the per-mount options
 * @param root the mounted root inside the file system ({@code /} unless a bind mount; {@code /}
 *     when read from {@code /proc/mounts})
 * @param majorMinor {@code maj:min} of the device, empty when read from {@code /proc/mounts}
 */
public record Mount(
    String device, String mountPoint, String fsType, List<String> options, String root,
    String majorMinor) {

  /** Copies the list. */
  public Mount {
    options = List.copyOf(options);
  }
}
