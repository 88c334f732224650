package io.bkmonitorbeat.plugin.processbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.proc.DefaultIps;
import io.bkmonitorbeat.proc.SocketEntry;
import io.bkmonitorbeat.proc.SocketProtocol;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {
  private final PortCheck check = new PortCheck(new DefaultIps(List.of("10.0.0.5"), List.of()), 100);

  private static SocketEntry tcp(String ip, int port) throws Exception {
    InetAddress address = InetAddress.getByName(ip);
    return new SocketEntry(SocketProtocol.of(true, ip.contains(":")), address, port, "LISTEN", 1);
  }

  private static SocketEntry udp(String ip, int port) throws Exception {
    return new SocketEntry(SocketProtocol.UDP, InetAddress.getByName(ip), port, "UNCONN", 2);
  }

  private static ProcessConfig config(List<ProcessConfig.BindDetail> binds) {
    return new ProcessConfig("nginx", "web", "", List.of(), "", "", binds);
  }

  @Test
  void noExpectedPortsIsHealthy() {
    assertThat(check.check(config(List.of()), false, List.of())).singleElement()
        .satisfies(r -> {
          assertThat(r).containsEntry("porthealth", 1).containsEntry("exists", 0)
              .containsEntry("listen", List.of()).containsEntry("protocol", "");
          assertThat(r.keySet()).containsExactly("name", "exists", "protocol", "listen",
              "nonlisten", "notaccuratelisten", "bindip", "paramregex", "displayname", "porthealth");
        });
  }

  @Test
  void listeningMissingAndInaccuratePorts() throws Exception {
    ProcessConfig config = config(List.of(new ProcessConfig.BindDetail("", List.of(80, 81, 82), "tcp")));
    List<SocketEntry> sockets = List.of(tcp("0.0.0.0", 80), tcp("192.0.2.9", 82), udp("0.0.0.0", 81));
    Map<String, Object> r = check.check(config, true, sockets).get(0);
    assertThat(r).containsEntry("listen", List.of(80))
        .as("81 is only a UDP socket").containsEntry("nonlisten", List.of(81))
        .as("192.0.2.9 is no local address").containsEntry("notaccuratelisten", List.of("192.0.2.9:82"))
        .containsEntry("porthealth", 0).containsEntry("exists", 1);
  }

  @Test
  void anIpv6WildcardCountsForIpv4AndADefaultIpMatches() throws Exception {
    ProcessConfig config = config(List.of(
        new ProcessConfig.BindDetail("0.0.0.0", List.of(80), "tcp"),
        new ProcessConfig.BindDetail("", List.of(90), "")));
    Map<String, Object> wildcard = check.check(config, true, List.of(tcp("::", 80), tcp("10.0.0.5", 90))).get(0);
    assertThat(wildcard).containsEntry("listen", List.of(80)).containsEntry("porthealth", 1);
    Map<String, Object> any = check.check(config, true, List.of(tcp("::", 80), tcp("10.0.0.5", 90))).get(1);
    assertThat(any).containsEntry("listen", List.of(90)).containsEntry("porthealth", 1);
  }

  @Test
  void tcp6AdmitsOnlyIpv6SocketsAndUdpIsChecked() throws Exception {
    ProcessConfig config = config(List.of(
        new ProcessConfig.BindDetail("", List.of(80), "tcp6"),
        new ProcessConfig.BindDetail("127.0.0.1", List.of(53), "udp")));
    List<Map<String, Object>> records = check.check(config, true, List.of(tcp("0.0.0.0", 80), udp("127.0.0.1", 53)));
    assertThat(records.get(0)).containsEntry("nonlisten", List.of(80));
    assertThat(records.get(1)).containsEntry("listen", List.of(53)).containsEntry("porthealth", 1);
  }

  @Test
  void tooManyMissingPortsAreReplacedByZero_gap16() {
    PortCheck capped = new PortCheck(new DefaultIps(List.of(), List.of()), 2);
    ProcessConfig config = config(List.of(new ProcessConfig.BindDetail("", List.of(1, 2, 3), "tcp")));
    assertThat(capped.check(config, true, List.of()).get(0)).containsEntry("nonlisten", List.of(0))
        .containsEntry("porthealth", 0);
    PortCheck roomy = new PortCheck(new DefaultIps(List.of(), List.of()), 3);
    assertThat(roomy.check(config, true, List.of()).get(0)).containsEntry("nonlisten", List.of(1, 2, 3));
  }

  @Test
  void bindAddressesAreNormalisedWithoutResolvingNames() {
    assertThat(PortCheck.normalise("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(PortCheck.normalise("*")).isEqualTo("0.0.0.0");
    assertThat(PortCheck.normalise("db.example")).isEqualTo("db.example");
  }
}
