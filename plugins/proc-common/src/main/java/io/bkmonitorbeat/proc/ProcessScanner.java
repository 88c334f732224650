package io.bkmonitorbeat.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Reads the process table (spec 1.6): per pid {@code stat} (name, state, ppid, CPU ticks, start
 * time), {@code cmdline} and the {@code exe} link. Pids that vanish or cannot be read are skipped.
 *
 * <p>Differences from the original, for speed (a scan of 1,000 processes is most of a run, and
 * nearly all of it is the kernel opening procfs files):
 *
 * <ul>
 *   <li>{@link #scan} may answer from a cache: a process seen with the same name, command line,
 *       exe and start time in two consecutive reads is "stable"; while the identity of its
 *       {@code /proc/<pid>} directory (its inode number, new for every process instance, so a
 *       reused pid never hits the cache) stays the same, it is re-read only every {@link
 *       #REFRESH_EVERY} scans (staggered by pid). Callers re-read what they selected with {@link
 *       #refresh} and select again, so matched processes are always judged and sampled on fresh
 *       data; the cache can only delay noticing that a long-running process re-exec'd or
 *       rewrote its command line into one that matches, by at most {@link #REFRESH_EVERY} runs.
 *   <li>{@code status} is not read ({@code Name:} is the stat name; the uid is read for matched
 *       processes by {@link ProcessDetails}); the {@code exe} link is not read for processes
 *       without a command line (kernel threads, zombies); no 10 ms pause every 1,000 pids.
 * </ul>
 *
 * <p>Not thread-safe (shares the {@link ProcFs} buffer and the cache).
 */
public final class ProcessScanner {
  /** The kernel truncates names to 15 bytes ({@code TASK_COMM_LEN} - 1). */
  private static final int COMM_LENGTH = 15;

  /** A stable cached process is re-read at least every this many scans. */
  public static final int REFRESH_EVERY = 5;

  private final ProcFs proc;
  private Map<Integer, Cached> cache = new HashMap<>();
  private long scans;
  // volatile: read by the host's counter thread, written only by the scanning thread
  private volatile long cacheHits;
  private volatile long malformed;

  /** A scanner over {@code proc}. */
  public ProcessScanner(ProcFs proc) {
    this.proc = proc;
  }

  /**
   * Returns every readable process, by ascending pid; stable processes may come from the cache
   * (their CPU ticks, state and ppid are then from an earlier scan: {@link #refresh} what is
   * used).
   *
   * @throws CancellationException when the calling thread is interrupted (the run's deadline)
   */
  public List<ProcessInfo> scan() {
    scans++;
    long[] identities = proc.listProcesses();
    int[] pids = proc.listedPids();
    List<ProcessInfo> processes = new ArrayList<>(pids.length);
    Map<Integer, Cached> next = new HashMap<>(pids.length * 2);
    for (int i = 0; i < pids.length; i++) {
      if ((i & 255) == 255 && Thread.currentThread().isInterrupted()) {
        // The host interrupts a run at its deadline: stop rather than report half a table.
        throw new CancellationException("process scan interrupted after " + i + " of "
            + pids.length + " pids");
      }
      int pid = pids[i];
      long appeared = identities[i];
      Cached cached = cache.get(pid);
      boolean sameInstance = cached != null && appeared != 0 && cached.appeared == appeared;
      if (sameInstance && cached.stable && (scans + pid) % REFRESH_EVERY != 0) {
        cacheHits = cacheHits + 1;
        processes.add(cached.info);
        next.put(pid, cached);
        continue;
      }
      ProcessInfo info = read(pid);
      if (info == null) {
        continue;
      }
      boolean stable = sameInstance && sameProgram(cached.info, info);
      next.put(pid, new Cached(appeared, info, stable));
      processes.add(info);
    }
    cache = next;
    return processes;
  }

  /**
   * Re-reads {@code processes} from {@code /proc} (those that ended are left out), so that what
   * a caller matched on cached data is judged again and sampled on fresh data.
   */
  public List<ProcessInfo> refresh(Collection<ProcessInfo> processes) {
    List<ProcessInfo> fresh = new ArrayList<>(processes.size());
    Set<Integer> done = new HashSet<>();
    for (ProcessInfo process : processes) {
      if (done.add(process.pid())) {
        ProcessInfo info = read(process.pid());
        if (info != null) {
          fresh.add(info);
        }
      }
    }
    return fresh;
  }

  /** Returns how many processes {@link #scan} took from the cache so far. */
  public long cacheHits() {
    return cacheHits;
  }

  private static boolean sameProgram(ProcessInfo a, ProcessInfo b) {
    return a.startTicks() == b.startTicks() && a.name().equals(b.name())
        && a.cmdline().equals(b.cmdline()) && a.exe().equals(b.exe());
  }

  /** A cached read: when the pid's directory appeared, what was read, and whether it is stable. */
  private record Cached(long appeared, ProcessInfo info, boolean stable) {}

  /** Reads one process, or returns null when it does not exist or cannot be read. */
  public ProcessInfo read(int pid) {
    String stat = proc.readString(proc.pidFile(pid, "stat"));
    if (stat == null) {
      return null;
    }
    StatLine line = StatLine.parse(stat);
    if (line == null) {
      malformed = malformed + 1;
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
