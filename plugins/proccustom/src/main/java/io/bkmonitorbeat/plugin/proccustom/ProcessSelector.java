package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.proc.ProcessInfo;
import io.bkmonitorbeat.proc.ProcessScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a run's processes (spec 7.2 steps 1-2): the pid of {@code pid_path}, or every process
 * whose command line matches {@code match_pattern} and not {@code exclude_pattern}. Not
 * thread-safe.
 */
final class ProcessSelector {
  private final ProccustomSettings settings;
  private final ProcessScanner scanner;

  ProcessSelector(ProccustomSettings settings, ProcessScanner scanner) {
    this.settings = settings;
    this.scanner = scanner;
  }

  /** Why a round has nothing to report. */
  static final class NothingSelected extends Exception {
    NothingSelected(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Returns the selected processes, in pid order.
   *
   * @throws NothingSelected when the pid file is unusable or nothing matched (no events then)
   */
  List<ProcessInfo> select() throws NothingSelected {
    if (settings.pidPath() != null) {
      return List.of(fromPidFile());
    }
    // The scan may answer from its cache; what it selected is re-read and judged again.
    List<ProcessInfo> selected = filter(scanner.refresh(filter(scanner.scan())));
    if (selected.isEmpty()) {
      throw new NothingSelected("no process matches match_pattern '"
          + settings.matchPattern().source() + "'");
    }
    return selected;
  }

  /** Returns how many malformed stat lines the scans skipped (any thread). */
  long malformedStatLines() {
    return scanner.malformed();
  }

  private List<ProcessInfo> filter(List<ProcessInfo> processes) {
    List<ProcessInfo> selected = new ArrayList<>();
    for (ProcessInfo process : processes) {
      String cmdline = process.cmdline();
      if (settings.excludePattern() != null
          && settings.excludePattern().pattern().matcher(cmdline).find()) {
        continue;
      }
      if (settings.matchPattern().pattern().matcher(cmdline).find()) {
        selected.add(process);
      }
    }
    return selected;
  }

  private ProcessInfo fromPidFile() throws NothingSelected {
    String text;
    try {
      text = Files.readString(settings.pidPath(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new NothingSelected("cannot read pid_path " + settings.pidPath() + ": " + e);
    }
    int pid;
    try {
      pid = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new NothingSelected("pid_path " + settings.pidPath() + " holds no pid: '"
          + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
    ProcessInfo process = pid > 0 ? scanner.read(pid) : null;
    if (process == null) {
      throw new NothingSelected("pid " + pid + " of pid_path " + settings.pidPath()
          + " is not running");
    }
    return process;
  }
}
