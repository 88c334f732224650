package io.bkmonitorbeat.plugin.trap;

import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns a received notification into a {@link TrapRecord} (spec 10.5 step 3). No I/O; thread-safe.
 */
final class TrapDecoder {
  private static final String GENERIC_TRAP_PREFIX = "1.3.6.1.6.3.1.1.5.";
  private static final List<String> GENERIC_NAMES = List.of(
      "coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure", "egpNeighborLoss");
  private static final DateTimeFormatter CONTENT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss yyyy/MM/dd");

  private final TrapSettings settings;
  private final ZoneId zone;

  TrapDecoder(TrapSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  /**
   * Decodes one notification.
   *
   * @param pdu a v1 trap, or a v2c/v3 trap or inform
   * @param version {@code v1}, {@code v2c} or {@code v3}
   * @param community the community (empty for v3)
   * @param peerIp the sender's IP address
   * @param peerPort the sender's UDP port
   * @param serverPort the port the trap arrived on
   * @param timestampMillis when it arrived
   */
  TrapRecord decode(PDU pdu, String version, String community, String peerIp, int peerPort,
      int serverPort, long timestampMillis) {
    String enterprise = "";
    String genericTrap = "0";
    String specificTrap = "0";
    String trapOid = "";
    String displayName = "";
    if (pdu instanceof PDUv1 v1) {
      enterprise = v1.getEnterprise() == null ? "" : v1.getEnterprise().toDottedString();
      int generic = v1.getGenericTrap();
      genericTrap = Integer.toString(generic);
      specificTrap = Integer.toString(v1.getSpecificTrap());
      if (generic >= 0 && generic < GENERIC_NAMES.size()) {
        trapOid = GENERIC_TRAP_PREFIX + (generic + 1);
        displayName = settings.translator().knows(trapOid)
            ? settings.translator().translate(trapOid) : GENERIC_NAMES.get(generic);
      } else {
        trapOid = enterprise.isEmpty() ? "0." + specificTrap : enterprise + ".0." + specificTrap;
        displayName = settings.translator().translate(trapOid);
      }
      enterprise = Oids.dotted(enterprise);
    }
    Map<String, String> content = new TreeMap<>();
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (VariableBinding binding : pdu.getVariableBindings()) {
      String oid = binding.getOid().toDottedString();
      if (!(pdu instanceof PDUv1) && oid.equals(Oids.SNMP_TRAP_OID)
          && binding.getVariable() instanceof OID value) {
        // v2c/v3: the trap is named by snmpTrapOID.0, not by any other OID-valued varbind (G-8).
        trapOid = value.toDottedString();
        displayName = settings.translator().translate(trapOid);
        continue;
      }
      String rendered;
      try {
        rendered = settings.renderer().render(binding.getVariable(), settings.isRaw(oid));
      } catch (CharacterCodingException e) {
        continue; // the spec's behaviour: a value that does not decode is skipped
      }
      content.put(settings.translator().translate(oid) + "(" + Oids.dotted(oid) + ")", rendered);
      dimensions.putAll(settings.dimensions().dimensionsOf(oid, rendered));
    }
    Map<String, String> internal = new LinkedHashMap<>();
    internal.put("community", community);
    internal.put("version", version);
    internal.put("enterprise", enterprise);
    internal.put("generic_trap", genericTrap);
    internal.put("specific_trap", specificTrap);
    internal.put("snmptrapoid", Oids.dotted(trapOid));
    internal.put("display_name", displayName);
    internal.put("agent_address", peerIp);
    if (!settings.hideAgentPort()) {
      internal.put("agent_port", Integer.toString(peerPort));
    }
    internal.put("server_ip", settings.listenIp());
    internal.put("server_port", Integer.toString(serverPort));
    dimensions.putAll(internal);
    content.putAll(internal);
    content.put(TrapRecord.TIMESTAMP,
        CONTENT_TIME.format(Instant.ofEpochMilli(timestampMillis).atZone(zone)));
    return new TrapRecord(new TreeMap<>(content), dimensions, timestampMillis,
        displayName.isEmpty() ? Oids.dotted(trapOid) : displayName);
  }
}
