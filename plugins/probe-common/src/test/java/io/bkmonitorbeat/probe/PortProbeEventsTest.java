package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.probe.PortProbeEvents.Address;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortProbeEventsTest {
  @Test
  void addressesKeepTheirOrderAndHostAndUnresolvedHostsGoToTheCallback() throws Exception {
    InetAddress one = InetAddress.getByName("127.0.0.1");
    InetAddress two = InetAddress.getByName("::1");
    InetAddress three = InetAddress.getByName("127.0.0.2");
    List<ResolvedTarget.Failure> failures = new ArrayList<>();

    List<Address> addresses = PortProbeEvents.addresses(List.of(
        new ResolvedTarget.Addresses("localhost", List.of(one, two)),
        new ResolvedTarget.Failure("nowhere.invalid", ErrorCode.DNS_RESOLVE_FAILED, "no such host"),
        new ResolvedTarget.Addresses("127.0.0.2", List.of(three))), failures::add);

    assertThat(addresses).containsExactly(new Address("localhost", one),
        new Address("localhost", two), new Address("127.0.0.2", three));
    assertThat(failures).extracting(ResolvedTarget.Failure::host).containsExactly("nowhere.invalid");
  }

  @Test
  void eventsCarryTheTargetAndGoOutPlainOrAsACustomReport() throws Exception {
    RecordingContext context = new RecordingContext(UptimeCheckEventTest.task(List.of()));
    Address address = new Address("localhost", InetAddress.getByName("::1"));

    new PortProbeEvents(context, 8080, false).emit(
        new PortProbeEvents(context, 8080, false).begin(address).fail(ErrorCode.CONN_FAILED));
    new PortProbeEvents(context, 8080, true).emit(
        new PortProbeEvents(context, 8080, true).begin("nowhere.invalid", "")
            .fail(ErrorCode.DNS_RESOLVE_FAILED));

    Event plain = context.events.get(0);
    assertThat(plain.fields()).containsEntry("target_host", "localhost")
        .containsEntry("target_port", 8080).containsEntry("resolved_ip", "::1")
        .containsEntry("error_code", ErrorCode.CONN_FAILED.code());
    Event custom = context.events.get(1);
    assertThat(custom.fields()).containsOnlyKeys("dataid", "time", "timestamp", "data");
    assertThat(custom.fields().get("data").toString())
        .contains("target=nowhere.invalid:8080", "resolved_ip=,");
  }
}
