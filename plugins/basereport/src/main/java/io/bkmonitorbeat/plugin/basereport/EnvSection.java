package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Numbers;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.ProcStat;
import io.bkmonitorbeat.hostcommon.Utmp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code env} section (spec 2.9), collected in every run (gap 7). Gap 13 fixed: {@code
 * login_user} counts the logged-in sessions of utmp (what {@code who}/{@code uptime} show), not
 * the entries of {@code /dev/pts}. {@code procs_processes_total} keeps its meaning, forks since
 * boot. Stateless.
 */
final class EnvSection {
  private final ProcFs fs;
  private final BasereportSettings settings;

  EnvSection(ProcFs fs, BasereportSettings settings) {
    this.fs = fs;
    this.settings = settings;
  }

  Map<String, Object> collect(ProcStat stat) {
    Map<String, Object> env = new LinkedHashMap<>(16);
    env.put("crontab", settings.reportCrontab() ? crontabs() : List.of());
    env.put("host", settings.reportHosts() ? fs.text("/etc/hosts").orElse("") : "");
    env.put("route", settings.reportRoute() ? RouteTable.render(fs.lines("/proc/net/route")) : "");
    env.put("maxfiles", Numbers.counterOr(fs.firstLine("/proc/sys/fs/file-max").orElse("0"), 0));
    String fileNr = fs.firstLine("/proc/sys/fs/file-nr").orElse("0");
    env.put("allocated_files", Numbers.counterOr(Numbers.fields(fileNr)[0], 0));
    env.put("uname", fs.text("/proc/version").orElse(""));
    env.put("login_user", Utmp.countUserProcesses(utmp()));
    env.put("proc_running_current", stat.procsRunning());
    env.put("procs_blocked_current", stat.procsBlocked());
    env.put("procs_processes_total", stat.processes());
    env.put("procs_ctxt_total", stat.ctxt());
    return env;
  }

  private byte[] utmp() {
    byte[] b = fs.bytes(Utmp.FILE);
    return b.length > 0 ? b : fs.bytes("/run/utmp");
  }

  private List<Object> crontabs() {
    List<Object> out = new ArrayList<>();
    List<String> names = new ArrayList<>(fs.list("/var/spool/cron"));
    names.sort(null);
    for (String name : names) {
      Optional<String> content = fs.text("/var/spool/cron/" + name);
      if (content.isPresent()) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("user", name);
        m.put("content", content.get());
        out.add(m);
      }
    }
    return out;
  }
}
