package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

class TrapDecoderTest {
  private static final long T0 = 1_700_000_000_123L; // 22:13:20 2023/11/14 UTC

  private static TrapDecoder decoder(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(Map.of("listen_ip", "127.0.0.1", "listen_port", 0));
    settings.putAll(overrides);
    return new TrapDecoder(TrapSettings.parse(TestContext.task(settings, Duration.ofMinutes(1))),
        ZoneOffset.UTC);
  }

  private static PDU v2(String trapOid, VariableBinding... more) {
    PDU pdu = new PDU();
    pdu.setType(PDU.TRAP);
    pdu.add(new VariableBinding(new OID(Oids.SYS_UP_TIME), new TimeTicks(500)));
    pdu.add(new VariableBinding(new OID(Oids.SNMP_TRAP_OID), new OID(trapOid)));
    for (VariableBinding binding : more) {
      pdu.add(binding);
    }
    return pdu;
  }

  @Test
  void v2cTrapOidComesFromSnmpTrapOidNotFromTheLastOidValuedVarbind() {
    TrapRecord record = decoder(Map.of("oids", Map.of("1.3.6.1.4.1.9999.0.1", "myTrap")))
        .decode(v2("1.3.6.1.4.1.9999.0.1",
            new VariableBinding(new OID("1.3.6.1.4.1.9999.1.2"), new OID("1.3.6.1.4.1.9999.7"))),
            "v2c", "public", "192.0.2.1", 40000, 1162, T0);
    assertThat(record.dimensions())
        .containsEntry("snmptrapoid", ".1.3.6.1.4.1.9999.0.1")
        .containsEntry("display_name", "myTrap")
        .containsEntry("community", "public")
        .containsEntry("version", "v2c")
        .containsEntry("agent_address", "192.0.2.1")
        .containsEntry("agent_port", "40000")
        .containsEntry("server_ip", "127.0.0.1")
        .containsEntry("server_port", "1162")
        .containsEntry("enterprise", "")
        .containsEntry("generic_trap", "0")
        .containsEntry("specific_trap", "0");
    assertThat(record.content())
        .containsEntry(".1.3.6.1.4.1.9999.1.2(.1.3.6.1.4.1.9999.1.2)", ".1.3.6.1.4.1.9999.7")
        .containsEntry(".1.3.6.1.2.1.1.3.0(.1.3.6.1.2.1.1.3.0)", "500")
        .containsEntry("timestamp", "22:13:20 2023/11/14")
        .containsEntry("display_name", "myTrap")
        .doesNotContainKey(".1.3.6.1.6.3.1.1.4.1.0(.1.3.6.1.6.3.1.1.4.1.0)");
    assertThat(record.displayName()).isEqualTo("myTrap");
    assertThat(record.timestampMillis()).isEqualTo(T0);
  }

  @Test
  void v1GenericTrapsGetTheirStandardOidAndName() {
    PDUv1 pdu = new PDUv1();
    pdu.setEnterprise(new OID("1.3.6.1.4.1.8072"));
    pdu.setGenericTrap(PDUv1.LINKDOWN);
    TrapRecord record = decoder(Map.of()).decode(pdu, "v1", "public", "192.0.2.1", 1, 162, T0);
    assertThat(record.dimensions()).containsEntry("snmptrapoid", ".1.3.6.1.6.3.1.1.5.3")
        .containsEntry("display_name", "linkDown").containsEntry("generic_trap", "2")
        .containsEntry("enterprise", ".1.3.6.1.4.1.8072").containsEntry("version", "v1");
  }

  @Test
  void v1EnterpriseSpecificTrapsAreEnterpriseZeroSpecificAndTranslated() {
    PDUv1 pdu = new PDUv1();
    pdu.setEnterprise(new OID("1.3.6.1.4.1.9999"));
    pdu.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
    pdu.setSpecificTrap(17);
    pdu.add(new VariableBinding(new OID("1.3.6.1.4.1.9999.1.1"), new OctetString("hello")));
    TrapRecord record = decoder(Map.of("oids", Map.of("1.3.6.1.4.1.9999", "acme")))
        .decode(pdu, "v1", "public", "192.0.2.1", 1, 162, T0);
    assertThat(record.dimensions()).containsEntry("snmptrapoid", ".1.3.6.1.4.1.9999.0.17")
        .containsEntry("display_name", "acme.0.17").containsEntry("specific_trap", "17");
    assertThat(record.content()).containsEntry("acme.1.1(.1.3.6.1.4.1.9999.1.1)", "hello");
  }

  @Test
  void reportedOidDimensionsRawBytesEncodingAndHiddenPort() {
    byte[] gbk = "机房".getBytes(Charset.forName("GBK"));
    TrapRecord record = decoder(Map.of(
        "report_oid_dimensions", List.of("1.3.6.1.4.1.9999.1", "1.3.6.1.4.1.9999.2.index"),
        "raw_byte_oids", List.of("1.3.6.1.4.1.9999.3"), "encode", "gbk", "hide_agent_port", true))
        .decode(v2("1.3.6.1.4.1.9999.0.1",
            new VariableBinding(new OID("1.3.6.1.4.1.9999.1.0"), new OctetString(gbk)),
            new VariableBinding(new OID("1.3.6.1.4.1.9999.2.5"), new Integer32(9)),
            new VariableBinding(new OID("1.3.6.1.4.1.9999.3.0"), new OctetString(new byte[] {1, 2})),
            new VariableBinding(new OID("1.3.6.1.4.1.9999.4.0"), new OctetString(new byte[] {(byte) 0x81})),
            new VariableBinding(new OID("1.3.6.1.4.1.99999.1.0"), new Integer32(1))),
            "v2c", "public", "192.0.2.1", 40000, 162, T0);
    assertThat(record.dimensions())
        .containsEntry("1_3_6_1_4_1_9999_1", "机房")
        .containsEntry("1_3_6_1_4_1_9999_2", "5::::9")
        .doesNotContainKey("agent_port")
        .hasSize(12);
    assertThat(record.content())
        .containsEntry(".1.3.6.1.4.1.9999.3.0(.1.3.6.1.4.1.9999.3.0)", "[1 2]")
        .doesNotContainKey(".1.3.6.1.4.1.9999.4.0(.1.3.6.1.4.1.9999.4.0)")
        .doesNotContainKey("agent_port");
  }
}
