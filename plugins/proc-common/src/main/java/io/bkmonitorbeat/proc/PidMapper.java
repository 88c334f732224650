package io.bkmonitorbeat.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces real pids by stable slot numbers per group (spec 5.3, {@code converge_pid}): a
 * process that keeps running keeps its slot; a new one takes the first free slot, else a new one
 * at the end; slots of processes that went away are freed, not compacted. So a restarted service
 * reports the same "pid" and dashboards keep one series. Not thread-safe.
 */
public final class PidMapper {
  private Map<String, int[]> slots = new HashMap<>();

  /** One process of a refresh: its group (name and params) and its real pid. */
  public record Member(String group, int pid) {}

  /** Recomputes the slots from the processes of the current run. */
  public void refresh(List<Member> members) {
    Map<String, Set<Integer>> current = new LinkedHashMap<>();
    for (Member member : members) {
      current.computeIfAbsent(member.group(), k -> new LinkedHashSet<>()).add(member.pid());
    }
    Map<String, int[]> next = new HashMap<>();
    for (Map.Entry<String, Set<Integer>> group : current.entrySet()) {
      Set<Integer> pids = group.getValue();
      int[] previous = slots.getOrDefault(group.getKey(), new int[0]);
      List<Integer> assigned = new ArrayList<>();
      for (int i = 0; i < Math.max(pids.size(), previous.length); i++) {
        assigned.add(i < previous.length && pids.contains(previous[i]) ? previous[i] : 0);
      }
      for (int pid : pids) {
        if (assigned.contains(pid)) {
          continue;
        }
        int free = assigned.indexOf(0);
        if (free >= 0) {
          assigned.set(free, pid);
        } else {
          assigned.add(pid);
        }
      }
      next.put(group.getKey(), assigned.stream().mapToInt(Integer::intValue).toArray());
    }
    slots = next;
  }

  /** Returns the slot of {@code pid} in {@code group}, or -1 when it was not in the refresh. */
  public int slot(String group, int pid) {
    int[] groupSlots = slots.get(group);
    if (groupSlots != null) {
      for (int i = 0; i < groupSlots.length; i++) {
        if (groupSlots[i] == pid) {
          return i;
        }
      }
    }
    return -1;
  }
}
