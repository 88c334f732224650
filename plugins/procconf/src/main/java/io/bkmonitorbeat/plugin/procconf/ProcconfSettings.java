package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The keys of a {@code procconf_task} section (spec 6.1).
 *
 * @param perfDataId {@code perfdataid}, copied into the generated config
 * @param portDataId {@code portdataid}, copied
 * @param topDataId {@code topdataid}, copied
 * @param convergePid {@code converge_pid}, copied
 * @param period the task period, copied as the processbeat period
 * @param dstDir {@code dst_dir}: where the processbeat config is written, by default the
 *     directory {@code bkmonitorbeat} next to the main config file
 * @param hostFilePath {@code hostfilepath} as configured (the host's {@code host_id_path} file is
 *     what is read; see the README)
 */
record ProcconfSettings(
    int perfDataId,
    int portDataId,
    int topDataId,
    boolean convergePid,
    Duration period,
    Path dstDir,
    String hostFilePath) {

  /** The name of the generated file inside {@code dst_dir}. */
  static final String FILE_NAME = "bkmonitorbeat_processbeat.conf";

  static ProcconfSettings parse(TaskSpec task) {
    Settings s = task.settings();
    String dst = s.string("dst_dir", "").strip();
    return new ProcconfSettings(
        s.integer("perfdataid", 0),
        s.integer("portdataid", 0),
        s.integer("topdataid", 0),
        s.bool("converge_pid", false),
        task.period(),
        dst.isEmpty() ? defaultDstDir(task) : Path.of(dst),
        s.string("hostfilepath", ""));
  }

  /** The original creates the task only when one of the data ids is set. */
  boolean enabled() {
    return perfDataId != 0 || portDataId != 0 || topDataId != 0;
  }

  Path file() {
    return dstDir.resolve(FILE_NAME);
  }

  private static Path defaultDstDir(TaskSpec task) {
    Path main = Path.of(task.source().file()).toAbsolutePath();
    return main.resolveSibling("bkmonitorbeat");
  }
}
