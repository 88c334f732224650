package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.ProcStat;
import io.bkmonitorbeat.hostcommon.Utmp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSectionTest {
  @TempDir Path dir;

  /** Gap 13: login_user counts utmp logins, not /dev/pts entries. */
  @Test
  void everyFieldWithLoggedInUsersFromUtmp() throws Exception {
    FakeRoot root = new FakeRoot(dir)
        .write("/proc/sys/fs/file-max", "9223372036854775807\n")
        .write("/proc/sys/fs/file-nr", "1888\t0\t9223372036854775807\n")
        .write("/proc/version", "Linux version 5.15.0 (gcc) #1 SMP\n")
        .write("/dev/pts/0", "").write("/dev/pts/1", "").write("/dev/pts/2", "")
        .write("/var/spool/cron/root", "* * * * * true\n")
        .write("/etc/hosts", "127.0.0.1 localhost\n")
        .write("/proc/net/route", """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
            """);
    ByteBuffer utmp = ByteBuffer.allocate(3 * Utmp.RECORD_SIZE).order(ByteOrder.nativeOrder());
    utmp.putShort(0, (short) 2); // BOOT_TIME
    utmp.putShort(Utmp.RECORD_SIZE, Utmp.USER_PROCESS);
    utmp.put(Utmp.RECORD_SIZE + 44, (byte) 'r');
    utmp.putShort(2 * Utmp.RECORD_SIZE, (short) 8); // DEAD_PROCESS
    Files.createDirectories(dir.resolve("var/run"));
    Files.write(dir.resolve("var/run/utmp"), utmp.array());
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1),
        Map.of("report_crontab", true, "report_hosts", true, "report_route", true)));
    Map<String, Object> env = new EnvSection(root.fs(), s)
        .collect(new ProcStat(null, List.of(), 77, 1, 66, 3, 2));
    assertThat(env.keySet()).containsExactly("crontab", "host", "route", "maxfiles",
        "allocated_files", "uname", "login_user", "proc_running_current",
        "procs_blocked_current", "procs_processes_total", "procs_ctxt_total");
    assertThat(env).containsEntry("login_user", 1)
        .containsEntry("maxfiles", Long.MAX_VALUE).containsEntry("allocated_files", 1888L)
        .containsEntry("uname", "Linux version 5.15.0 (gcc) #1 SMP\n")
        .containsEntry("host", "127.0.0.1 localhost\n")
        .containsEntry("crontab", List.of(Map.of("user", "root", "content", "* * * * * true\n")))
        .containsEntry("proc_running_current", 3L).containsEntry("procs_blocked_current", 2L)
        .containsEntry("procs_processes_total", 66L).containsEntry("procs_ctxt_total", 77L);
    assertThat((String) env.get("route")).isEqualTo(RouteTable.HEADER
        + "0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 eth0"
        + System.lineSeparator());
  }

  @Test
  void optionalPartsAreEmptyWhenNotEnabled() {
    FakeRoot root = new FakeRoot(dir);
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1), Map.of()));
    Map<String, Object> env = new EnvSection(root.fs(), s)
        .collect(new ProcStat(null, List.of(), 0, 0, 0, 0, 0));
    assertThat(env).containsEntry("crontab", List.of()).containsEntry("host", "")
        .containsEntry("route", "").containsEntry("login_user", 0);
  }
}
