package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

  @ParameterizedTest
  @CsvSource({
      "fe80:0:0:0:0:0:0:1, fe80::1",
      "0:0:0:0:0:0:0:1, ::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "0:0:0:0:0:0:0:0, ::",
      "10.0.0.5, 10.0.0.5"})
  void formatsLikeGo(String in, String expected) throws Exception {
    assertThat(IpText.text(InetAddress.getByName(in))).isEqualTo(expected);
  }
}
