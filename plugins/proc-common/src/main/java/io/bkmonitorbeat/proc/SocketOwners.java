package io.bkmonitorbeat.proc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ties sockets to processes: a process owns a socket when one of its {@code /proc/<pid>/fd/*}
 * links reads {@code socket:[<inode>]}. Only the pids asked for are read (the original read every
 * process's descriptors), which is what keeps a run cheap on a busy host. Not thread-safe.
 */
public final class SocketOwners {
  private final ProcFs proc;

  /** Owners looked up in {@code proc}. */
  public SocketOwners(ProcFs proc) {
    this.proc = proc;
  }

  /**
   * Returns, for each of {@code pids} in iteration order, the entries of {@code sockets} it holds
   * (each socket once per process, in table order). Pids holding none map to an empty list.
   */
  public Map<Integer, List<SocketEntry>> byPid(Collection<Integer> pids, List<SocketEntry> sockets) {
    Map<Long, List<SocketEntry>> byInode = new HashMap<>();
    for (SocketEntry socket : sockets) {
      if (socket.inode() != 0) {
        byInode.computeIfAbsent(socket.inode(), k -> new ArrayList<>(2)).add(socket);
      }
    }
    Map<Integer, List<SocketEntry>> result = new LinkedHashMap<>();
    for (int pid : pids) {
      if (result.containsKey(pid)) {
        continue;
      }
      List<SocketEntry> owned = new ArrayList<>();
      String dir = proc.pidFile(pid, "fd");
      String[] fds = byInode.isEmpty() ? null : proc.list(dir);
      if (fds != null) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (String fd : fds) {
          long inode = socketInode(proc.readLink(dir + "/" + fd));
          List<SocketEntry> hit = inode > 0 ? byInode.get(inode) : null;
          if (hit != null && seen.add(inode)) {
            owned.addAll(hit);
          }
        }
      }
      result.put(pid, owned);
    }
    return result;
  }

  /** The inode of a {@code socket:[N]} link, or -1. */
  static long socketInode(String link) {
    if (!link.startsWith("socket:[") || !link.endsWith("]")) {
      return -1;
    }
    try {
      return Long.parseLong(link, 8, link.length() - 1, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
