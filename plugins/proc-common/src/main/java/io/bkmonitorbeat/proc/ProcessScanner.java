package io.bkmonitorbeat.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the process table (spec 1.6): per pid {@code stat} (name, state, ppid, CPU ticks, start
 * time), {@code cmdline} and the {@code exe} link. Pids that vanish or cannot be read are skipped.
 *
 * <p>Differences from the original, for speed (a scan of 1,000 processes is most of a run):
 * {@code status} is not read during the scan ({@code Name:} is the same kernel field as the stat
 * name; the uid is read only for matched processes by {@link ProcessDetails}), the {@code exe}
 * link is not read for processes without a command line (kernel threads, zombies: the link read
 * would fail anyway), and there is no 10 ms pause every 1,000 pids.
 *
 * <p>Not thread-safe (shares the {@link ProcFs} buffer).
 */
public final class ProcessScanner {
  /** The kernel truncates names to 15 bytes ({@code TASK_COMM_LEN} - 1). */
  private static final int COMM_LENGTH = 15;

  private final ProcFs proc;
  private long malformed;

  /** A scanner over {@code proc}. */
  public ProcessScanner(ProcFs proc) {
    this.proc = proc;
  }

  /** Returns every readable process, by ascending pid. */
  public List<ProcessInfo> scan() {
    int[] pids = proc.pids();
    List<ProcessInfo> processes = new ArrayList<>(pids.length);
    for (int pid : pids) {
      ProcessInfo info = read(pid);
      if (info != null) {
        processes.add(info);
      }
    }
    return processes;
  }

  /** Reads one process, or returns null when it does not exist or cannot be read. */
  public ProcessInfo read(int pid) {
    String stat = proc.readString(proc.pidFile(pid, "stat"));
    if (stat == null) {
      return null;
    }
    StatLine line = StatLine.parse(stat);
    if (line == null) {
      malformed++;
      return null;
    }
    String cmdline = cmdline(pid);
    String exe = cmdline.isEmpty() ? "" : proc.readLink(proc.pidFile(pid, "exe"));
    String name = completeName(line.comm(), cmdline);
    return new ProcessInfo(pid, line.ppid(), name, line.state(), line.startTicks(),
        line.userTicks(), line.systemTicks(), cmdline, exe);
  }

  /** Returns how many stat lines could not be parsed so far. */
  public long malformed() {
    return malformed;
  }

  private String cmdline(int pid) {
    int length = proc.read(proc.pidFile(pid, "cmdline"));
    if (length <= 0) {
      return "";
    }
    return joinArguments(proc.buffer(), length);
  }

  /** NUL-separated arguments, trailing NULs trimmed, joined by single spaces. */
  static String joinArguments(byte[] raw, int length) {
    while (length > 0 && raw[length - 1] == 0) {
      length--;
    }
    byte[] copy = new byte[length];
    for (int i = 0; i < length; i++) {
      copy[i] = raw[i] == 0 ? (byte) ' ' : raw[i];
    }
    return new String(copy, StandardCharsets.UTF_8);
  }

  /**
   * The original's name completion: a name of 15 or more characters was probably truncated by
   * the kernel, so the basename of argv[0] is used when it starts with the name.
   */
  static String completeName(String comm, String cmdline) {
    if (comm.length() < COMM_LENGTH || cmdline.isEmpty()) {
      return comm;
    }
    int space = cmdline.indexOf(' ');
    String base = ProcessInfo.basename(space < 0 ? cmdline : cmdline.substring(0, space));
    return base.startsWith(comm) ? base : comm;
  }
}
