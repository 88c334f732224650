package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RcvbufErrorsTest {

  @Test
  void readsTheUdpRcvbufErrorsColumn() {
    String text = """
        Ip: Forwarding DefaultTTL
        Ip: 1 64
        Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors
        Udp: 272 9 0 282 17 0
        UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors
        UdpLite: 0 0 0 0 99 0
        """;
    assertThat(RcvbufErrors.parse(text)).hasValue(17);
    assertThat(RcvbufErrors.parse("Ip: a\nIp: 1\n")).isEmpty();
  }
}
