package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The read-only check (spec 4.3, type 3). A real file system mounted read-only alarms when its
 * path matches the white list, or when it was seen writable before (a RW → RO transition); the
 * alarm repeats every check while it stays read-only and ends when it is writable again. A path
 * matching the black list is never reported and never recorded, even when white-listed.
 *
 * <p>Gap 5: lists are searched ({@code find}) in the whole mount path, which is what the
 * original's split on the PATH separator amounted to. Records of mounts that disappeared from the
 * mount table are dropped, so a device unmounted while writable and later mounted read-only on
 * purpose does not alarm forever (the original never deleted a record). Each mount is its own send
 * (own raw id), as the original. Confined to the scheduler thread.
 */
final class DiskRoDetector {
  static final int TYPE = 3;

  private final MountSource mounts;
  private final RoHistory history;
  private final List<Pattern> whiteList;
  private final List<Pattern> blackList;
  private final Publisher publisher;

  DiskRoDetector(MountSource mounts, RoHistory history, ExceptionbeatSettings settings,
      Publisher publisher) {
    this.mounts = mounts;
    this.history = history;
    this.whiteList = settings.roWhiteList();
    this.blackList = settings.roBlackList();
    this.publisher = publisher;
  }

  /** Runs one check and sends its alarms. */
  void check() throws IOException {
    List<String> present = new ArrayList<>();
    List<Mount> readOnly = new ArrayList<>();
    for (Mount mount : mounts.physicalMounts()) {
      if (matches(blackList, mount.mountPoint())) {
        continue;
      }
      present.add(mount.key());
      if (!mount.readOnly()) {
        history.add(mount.key());
      } else if (matches(whiteList, mount.mountPoint()) || history.contains(mount.key())) {
        readOnly.add(mount);
      }
    }
    history.retainAll(present);
    history.save();
    for (Mount mount : readOnly) {
      publisher.send(List.of(extra(mount)));
    }
  }

  private Map<String, Object> extra(Mount mount) {
    Map<String, Object> extra = publisher.extra(TYPE);
    extra.put("ro", List.of(Map.of(
        "fs", mount.device(), "position", mount.mountPoint(), "type", mount.fsType())));
    return extra;
  }

  private static boolean matches(List<Pattern> patterns, String path) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(path).find()) {
        return true;
      }
    }
    return false;
  }
}
