package io.bkmonitorbeat.proc;

/**
 * The details read only for matched processes: the real uid and its user name (from {@code
 * status} and the passwd database) and the working directory. Not thread-safe.
 */
public final class ProcessDetails {
  private final ProcFs proc;
  private final UserNames users;

  /** Details from {@code proc}, user names from {@code users}. */
  public ProcessDetails(ProcFs proc, UserNames users) {
    this.proc = proc;
    this.users = users;
  }

  /** Returns the real uid from {@code status}, or -1 when unreadable. */
  public int uid(int pid) {
    String status = proc.readString(proc.pidFile(pid, "status"));
    return status == null ? -1 : parseUid(status);
  }

  /** Returns the user name of the process's real uid ("" when the status is unreadable). */
  public String username(int pid) {
    int uid = uid(pid);
    return uid < 0 ? "" : users.name(uid);
  }

  /** Returns the working directory ("" when unreadable). */
  public String cwd(int pid) {
    return proc.readLink(proc.pidFile(pid, "cwd"));
  }

  /** The first value of the {@code Uid:} line. */
  static int parseUid(String status) {
    int at = status.startsWith("Uid:") ? 0 : status.indexOf("\nUid:");
    if (at < 0) {
      return -1;
    }
    int i = status.indexOf(':', at) + 1;
    while (i < status.length() && (status.charAt(i) == ' ' || status.charAt(i) == '\t')) {
      i++;
    }
    int start = i;
    while (i < status.length() && Character.isDigit(status.charAt(i))) {
      i++;
    }
    try {
      return Integer.parseInt(status, start, i, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
