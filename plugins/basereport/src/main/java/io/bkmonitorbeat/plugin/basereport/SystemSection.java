package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.HostInfo;
import io.bkmonitorbeat.hostcommon.OsRelease;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.ProcStat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code system.info} object (spec 2.11), collected in every run (gap 7). Facts that change
 * only with an upgrade or a reboot (platform, virtualization, host id) are re-read every ten
 * minutes rather than every run; counts and uptime are read every run.
 *
 * <p>Not thread-safe; used by the collecting thread only.
 */
final class SystemSection {
  private static final long SLOW_FACTS_NANOS = 600_000_000_000L;

  private final ProcFs fs;
  private final HostInfo host;
  private final byte[] statBuffer = new byte[1024];
  private long slowReadAt = Long.MIN_VALUE;
  private OsRelease release;
  private String[] virtualization;
  private String hostId;

  SystemSection(ProcFs fs) {
    this.fs = fs;
    this.host = new HostInfo(fs);
  }

  Map<String, Object> collect(ProcStat stat, long nanos) {
    if (slowReadAt == Long.MIN_VALUE || nanos - slowReadAt > SLOW_FACTS_NANOS) {
      release = OsRelease.read(fs);
      virtualization = host.virtualization();
      hostId = host.hostId();
      slowReadAt = nanos;
    }
    int[] procs = processCounts();
    String arch = host.kernelArch();
    Map<String, Object> info = new LinkedHashMap<>(20);
    info.put("hostname", host.hostname());
    info.put("uptime", host.uptimeSeconds());
    info.put("bootTime", stat.bootTime());
    info.put("procs", procs[0]);
    info.put("procsZombie", procs[1]);
    info.put("os", "linux");
    info.put("platform", release.platform());
    info.put("platformFamily", release.family());
    info.put("platformVersion", release.version());
    info.put("kernelVersion", host.kernelVersion());
    info.put("kernelArch", arch);
    info.put("virtualizationSystem", virtualization[0]);
    info.put("virtualizationRole", virtualization[1]);
    info.put("hostId", hostId);
    info.put("systemtype", HostInfo.systemType(arch));
    Map<String, Object> system = new LinkedHashMap<>(2);
    system.put("info", info);
    return system;
  }

  /** Returns {processes, zombies}: numeric entries of /proc, and those in state Z. */
  private int[] processCounts() {
    int procs = 0;
    int zombies = 0;
    for (String name : fs.list("/proc")) {
      if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
        continue;
      }
      procs++;
      int n = fs.readInto("/proc/" + name + "/stat", statBuffer);
      // The state follows the last ')' (the command may contain parentheses).
      for (int i = n - 1; i > 0; i--) {
        if (statBuffer[i] == ')') {
          if (i + 2 < n && statBuffer[i + 2] == 'Z') {
            zombies++;
          }
          break;
        }
      }
    }
    return new int[] {procs, zombies};
  }
}
