package io.bkmonitorbeat.proc;

/**
 * What one full process scan knows about a process (spec 1.6): enough to match it and to sample
 * its CPU counters without reading {@code stat} again. Immutable.
 *
 * @param pid the process id
 * @param ppid the parent's pid
 * @param name the process name ({@code comm}, completed from argv[0] when truncated at 15 chars)
 * @param state the state letter of {@code stat} ({@code S}, {@code R}, ...)
 * @param startTicks the start time in clock ticks after boot (with the pid, a process's identity)
 * @param userTicks user CPU time in clock ticks
 * @param systemTicks system CPU time in clock ticks
 * @param cmdline the arguments joined by single spaces ("" for kernel threads and zombies)
 * @param exe the target of {@code /proc/<pid>/exe} ("" when unreadable or a kernel thread)
 */
public record ProcessInfo(
    int pid,
    int ppid,
    String name,
    char state,
    long startTicks,
    long userTicks,
    long systemTicks,
    String cmdline,
    String exe) {

  /** Returns the state in the original's words (spec 1.6). */
  public String stateName() {
    return switch (state) {
      case 'S' -> "sleeping";
      case 'R' -> "running";
      case 'D', 'I' -> "idle";
      case 'T', 't' -> "stopped";
      case 'Z' -> "zombie";
      default -> "unknown";
    };
  }

  /** Returns the first space-separated token of the command line. */
  public String firstToken() {
    int space = cmdline.indexOf(' ');
    return space < 0 ? cmdline : cmdline.substring(0, space);
  }

  /** Returns the part of {@code path} after its last slash. */
  public static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
