package io.bkmonitorbeat.plugin.procsync;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;

/**
 * The keys of a {@code procsync_task} section (spec 8.1).
 *
 * @param dstDir {@code dst_dir}: the child-config directory the proccustom configs go to
 * @param srcDir the directory {@code processbeat} next to {@code dst_dir}, where the user process
 *     configs are; derived from the normalised path, so a trailing slash on {@code dst_dir} no
 *     longer changes it (gap 18)
 */
record ProcsyncSettings(Path dstDir, Path srcDir) {

  static ProcsyncSettings parse(TaskSpec task) {
    Settings s = task.settings();
    String dst = s.string("dst_dir", "").strip();
    if (dst.isEmpty()) {
      throw s.error("dst_dir", "is required (the child-config directory)");
    }
    Path dstDir = Path.of(dst).toAbsolutePath().normalize();
    Path parent = dstDir.getParent();
    if (parent == null) {
      throw s.error("dst_dir", "must not be the root directory");
    }
    return new ProcsyncSettings(dstDir, parent.resolve("processbeat"));
  }
}
