package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OOM reports of several kernel versions, as /dev/kmsg records. */
class OomParserTest {

  private static List<OomKill> kills(String fixture) throws Exception {
    OomParser parser = new OomParser();
    List<OomKill> kills = new ArrayList<>();
    for (String record : KmsgFixtures.records(fixture)) {
      parser.feed(KmsgRecord.parse(record).orElseThrow()).ifPresent(kills::add);
    }
    return kills;
  }

  @Test
  void recordPrefixAndContinuationLines() {
    KmsgRecord record = KmsgRecord.parse(
        "4,5002,123456789020,-,caller=T1;CPU: 0 PID: 1234 Comm: python3\n SUBSYSTEM=cpu\n")
        .orElseThrow();
    assertThat(record).isEqualTo(new KmsgRecord(5002, 123456789020L, "CPU: 0 PID: 1234 Comm: python3"));
    assertThat(KmsgRecord.parse("no prefix here")).isEmpty();
    assertThat(KmsgRecord.parse("4,x,1,-;text")).isEmpty();
    assertThat(KmsgRecord.parse("4,1;text")).isEmpty();
  }

  @Test
  void centos7GlobalOomEndsAtKilledProcess() throws Exception {
    assertThat(kills("centos7-3.10-global.txt")).containsExactly(
        new OomKill("stress", 23451, "", "/", "/", 8623422340L));
  }

  @Test
  void centos7MemcgOomNamesTheCgroupsFromTaskInLine() throws Exception {
    assertThat(kills("centos7-3.10-memcg.txt")).containsExactly(
        new OomKill("java", 4242, "", "/kubepods/burstable/pod1234",
            "/kubepods/burstable/pod1234/3f2a", 9123000210L));
  }

  @Test
  void kernel54MemcgOomEndsAtTheSummaryLine() throws Exception {
    assertThat(kills("ubuntu2004-5.4-memcg.txt")).containsExactly(
        new OomKill("python3", 1234, "CONSTRAINT_MEMCG", "/system.slice/app.service",
            "/system.slice/app.service", 123456789200L));
  }

  @Test
  void kernel61GlobalOomKeepsConstraintAndTaskCgroup() throws Exception {
    // The original's regex needs oom_memcg=, so a global OOM fell through to the Killed process
    // line with an empty constraint and task cgroup "/".
    assertThat(kills("debian12-6.1-global.txt")).containsExactly(
        new OomKill("stress-ng-vm", 8812, "CONSTRAINT_NONE", "/",
            "/user.slice/user-0.slice/session-3.scope", 77000000200L),
        new OomKill("stress-ng-vm", 8813, "CONSTRAINT_NONE", "/",
            "/user.slice/user-0.slice/session-3.scope", 77500000200L));
  }

  @Test
  void linesOutsideAReportAreIgnoredAndANewStartRestarts() {
    OomParser parser = new OomParser();
    assertThat(parser.feed(new KmsgRecord(1, 1, "Killed process 1 (init)"))).isEmpty();
    parser.feed(new KmsgRecord(2, 2, "a invoked oom-killer: gfp_mask=0x0"));
    parser.feed(new KmsgRecord(3, 3, "Task in /x killed as a result of limit of /y"));
    parser.feed(new KmsgRecord(4, 4, "b invoked oom-killer: gfp_mask=0x0"));
    assertThat(parser.feed(new KmsgRecord(5, 5, "Killed process 9 (b) total-vm:1kB")))
        .contains(new OomKill("b", 9, "", "/", "/", 5));
  }

  @Test
  void joinRootCleansLikeGoPathJoin() {
    assertThat(OomParser.joinRoot("docker/abc/")).isEqualTo("/docker/abc");
    assertThat(OomParser.joinRoot("/")).isEqualTo("/");
    assertThat(OomParser.joinRoot("a/../b")).isEqualTo("/b");
  }
}
