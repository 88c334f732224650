package io.bkmonitorbeat.plugin.procconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.HostCmdb.Bind;
import io.bkmonitorbeat.plugin.procconf.ProcessDefinition.Binding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 6.2 steps 2-3: CMDB process items to processbeat definitions. */
class ProcessDefinitionTest {
  static final HostCmdb CMDB = new HostCmdb(true, "10.0.0.5", "203.0.113.7", List.of(
      new HostCmdb.Process("nginx", "web-nginx", "3", "80,443", "1", "", true, List.of()),
      new HostCmdb.Process("java", "api", "", "", "", "-jar api\\.jar", true, List.of(
          new Bind(true, "2", "8080-8082", "1"), new Bind(false, "1", "9000", "2"),
          new Bind(true, "4", "53", "2"))),
      new HostCmdb.Process("redis-server", "redis", "1", "6379", "tcp", "", false, List.of()),
      new HostCmdb.Process("", "nameless", "1", "1", "1", "", true, List.of()),
      new HostCmdb.Process("nginx", "web-nginx", "3", "443,80", "1", "", true, List.of())));

  @Test
  void convertsCodesPortsAndBindingsSkipsNamelessAndDuplicates() {
    assertThat(ProcessDefinition.from(CMDB)).containsExactly(
        new ProcessDefinition("nginx", "web-nginx", "tcp", List.of(80, 443), "", "10.0.0.5",
            List.of()),
        new ProcessDefinition("java", "api", "", List.of(), "-jar api\\.jar", "", List.of(
            new Binding("0.0.0.0", List.of(8080, 8081, 8082), "tcp"),
            new Binding("203.0.113.7", List.of(53), "udp"))),
        new ProcessDefinition("redis-server", "redis", "tcp", List.of(), "", "127.0.0.1",
            List.of()));
  }

  @Test
  void addressAndProtocolCodes() {
    assertThat(List.of("1", "2", "3", "4", "192.168.1.1", "").stream()
        .map(code -> ProcessDefinition.ip(code, CMDB)))
        .containsExactly("127.0.0.1", "0.0.0.0", "10.0.0.5", "203.0.113.7", "192.168.1.1", "");
    assertThat(List.of("1", "2", "3", "4", "sctp").stream().map(ProcessDefinition::protocol))
        .containsExactly("tcp", "udp", "tcp6", "udp6", "sctp");
  }

  @Test
  void portListsIgnoreInvalidItemsAndOutOfRangePorts() {
    assertThat(ProcessDefinition.ports("9000-9002, 80,80 ,x,5-,70000,65535,3-1,"))
        .containsExactly(80, 9000, 9001, 9002, 65535);
    assertThat(ProcessDefinition.ports("")).isEmpty();
  }
}
