package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jnr.ffi.LibraryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills whole process groups: {@code kill(-pgid, SIGKILL)} through libc (jnr-ffi, which the host
 * provides), so that a script's children and grandchildren die with it even after their parent
 * exited and they were re-parented. Each stage leads its own session (posix_spawn's SETSID, or
 * {@code setsid}), so its process id is also its group id; the group is read back from {@code
 * /proc/<pid>/stat} before the kill, and the process's own descendants are killed one by one as
 * well, in case the group could not be signalled (libc not callable, or {@code setsid} had not
 * run yet). Thread-safe.
 */
final class ProcessGroups {
  private static final Logger log = LoggerFactory.getLogger(ProcessGroups.class);
  private static final int SIGKILL = 9;
  /** How long the stages may take to exit after the kill (the original waits 2 s). */
  static final long KILL_WAIT_NANOS = 2_000_000_000L;

  private ProcessGroups() {}

  /** The libc function used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    int kill(int pid, int signal);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  }

  /**
   * Sends SIGKILL to the process group led by each of {@code processes} and to every descendant
   * of them that is still visible.
   *
   * @return the number of signals delivered (groups and single processes)
   */
  static int killTrees(List<ProcessHandle> processes) {
    Set<Long> groups = new LinkedHashSet<>();
    List<ProcessHandle> members = new ArrayList<>();
    for (ProcessHandle process : processes) {
      members.add(process);
      process.descendants().forEach(members::add); // before the kill: they are re-parented after
      long group = processGroup(process.pid());
      if (group == process.pid()) {
        groups.add(group);
      }
    }
    int delivered = 0;
    for (long group : groups) {
      if (killGroup(group)) {
        delivered++;
      }
    }
    for (ProcessHandle member : members) {
      if (member.isAlive() && member.destroyForcibly()) {
        delivered++;
      }
    }
    return delivered;
  }

  /** Sends SIGKILL to process group {@code group}; true if it was delivered. */
  static boolean killGroup(long group) {
    try {
      return Holder.LIBC.kill((int) -group, SIGKILL) == 0;
    } catch (LinkageError e) {
      log.warn("cannot call libc kill() through jnr-ffi, killing processes one by one: {}", e.toString());
      return false;
    }
  }

  /**
   * Returns the process group of {@code pid} from {@code /proc/<pid>/stat}, or -1 if the process
   * is gone or the file cannot be read.
   */
  static long processGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
