package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;

class ValueRendererTest {

  @Test
  void rendersNumbersAddressesAndOidsAsGosnmpValuesPrint() throws Exception {
    ValueRenderer renderer = ValueRenderer.forEncoding("");
    assertThat(renderer.render(new Integer32(-5), false)).isEqualTo("-5");
    assertThat(renderer.render(new Counter32(4_000_000_000L), false)).isEqualTo("4000000000");
    assertThat(renderer.render(new Counter64(-1L), false)).isEqualTo("18446744073709551615");
    assertThat(renderer.render(new TimeTicks(12345), false)).isEqualTo("12345");
    assertThat(renderer.render(new IpAddress("192.0.2.7"), false)).isEqualTo("192.0.2.7");
    assertThat(renderer.render(new OID("1.3.6.1.4"), false)).isEqualTo(".1.3.6.1.4");
    assertThat(renderer.render(new OctetString("héllo"), false)).isEqualTo("héllo");
  }

  @Test
  void rawByteValuesPrintLikeAGoByteSlice() throws Exception {
    ValueRenderer renderer = ValueRenderer.forEncoding("");
    assertThat(renderer.render(new OctetString(new byte[] {104, 105, (byte) 255}), true))
        .isEqualTo("[104 105 255]");
  }

  @Test
  void decodesGbkFamilyCharsets() throws Exception {
    byte[] gbk = "告警".getBytes(Charset.forName("GBK"));
    assertThat(ValueRenderer.forEncoding("gbk").render(new OctetString(gbk), false)).isEqualTo("告警");
    assertThat(ValueRenderer.forEncoding("GB2312").render(new OctetString(gbk), false)).isEqualTo("告警");
    assertThat(ValueRenderer.forEncoding("gb18030").render(new OctetString(gbk), false)).isEqualTo("告警");
    assertThat(ValueRenderer.forEncoding("").render(new OctetString(gbk), false)).isNotEqualTo("告警");
  }

  @Test
  void undecodableBytesThrowSoTheVarbindIsSkipped() {
    assertThatThrownBy(() -> ValueRenderer.forEncoding("gbk")
        .render(new OctetString(new byte[] {(byte) 0x81}), false))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void unsupportedEncodingIsRejected() {
    assertThatThrownBy(() -> ValueRenderer.forEncoding("big5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("big5");
  }
}
