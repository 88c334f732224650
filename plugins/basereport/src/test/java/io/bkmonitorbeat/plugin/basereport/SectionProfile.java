package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.NetInterfaces;
import io.bkmonitorbeat.hostcommon.ProcFs;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where a basereport collection spends its CPU, per section (a development aid for the bench). */
public final class SectionProfile {
  private SectionProfile() {}

  interface Body {
    void run() throws Exception;
  }

  static void time(String name, int n, Body b) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < n; i++) {
      b.run();
    }
    long c0 = mx.getCurrentThreadCpuTime();
    long a0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    long w0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      b.run();
    }
    System.out.printf("%-12s %8.3f ms CPU %8.3f ms wall %8.1f KiB%n", name,
        (mx.getCurrentThreadCpuTime() - c0) / 1e6 / n, (System.nanoTime() - w0) / 1e6 / n,
        (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0) / 1024.0 / n);
  }

  public static void main(String[] args) throws Exception {
    int n = 300;
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofSeconds(60),
        Map.of("disk", Map.of("collect_all_device", true), "report_hosts", true,
            "report_route", true)));
    HostReader r = new HostReader(ProcFs.system());
    RateModules rates = new RateModules(r, s, System::nanoTime);
    CpuInfoSection ci = new CpuInfoSection(ProcFs.system(), false);
    DiskSection disk = DiskSection.real(r, s.disk());
    NetSection net = new NetSection(r, s.net());
    EnvSection env = new EnvSection(ProcFs.system(), s);
    SystemSection sys = new SystemSection(ProcFs.system());
    time("procStat", n, r::procStat);
    time("cpuinfo", n, () -> ci.toJson(ci.processors(2, 0)));
    time("takeCpu", n, rates::takeCpu);
    time("takeNet", n, rates::takeNet);
    time("takeMem", n, rates::takeMem);
    time("vmstat", n, r::vmstat);
    time("disk", n, () -> disk.collect(System.nanoTime()));
    time("mounts", n, disk::mounts);
    time("ifaces", n, () -> new NetInterfaces(ProcFs.system()).list());
    time("net", n, () -> net.collect(Map.of()));
    time("env", n, () -> env.collect(r.procStat()));
    time("system", n, () -> sys.collect(r.procStat(), 0));
    time("snmp", n, () -> ProcFs.system().lines("/proc/net/snmp"));
    time("tcp", n, () -> ProcFs.system().bytes("/proc/net/tcp"));
    time("tcp6", n, () -> ProcFs.system().bytes("/proc/net/tcp6"));
    time("virtual", n, () -> new NetInterfaces(ProcFs.system()).virtualNames());
    time("jdkifaces", n, () -> java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).forEach(i -> i.getInterfaceAddresses()));
    time("readstat", n, () -> ProcFs.system().lines("/proc/stat"));
    time("list", n, () -> ProcFs.system().list("/proc"));
    System.out.println(List.of());
  }
}
