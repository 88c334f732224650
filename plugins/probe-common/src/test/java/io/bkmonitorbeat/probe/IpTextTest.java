package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
    "2001:0db8:0000:0001:0000:0000:0000:0001, 2001:db8:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
    "127.0.0.1, 127.0.0.1"
  })
  void writesAddressesAsGoDoes(String literal, String expected) throws Exception {
    assertThat(IpText.format(InetAddress.getByName(literal))).isEqualTo(expected);
  }
}
