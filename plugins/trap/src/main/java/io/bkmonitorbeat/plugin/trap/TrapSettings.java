package io.bkmonitorbeat.plugin.trap;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.OID;

/**
 * The parsed settings of one snmptrap task (spec 10.5).
 *
 * @param dataId the events' data id
 * @param listenIp the bind address as configured (brackets removed); empty = every address
 * @param listenPort the UDP port (0 = ephemeral, for tests)
 * @param version the configured {@code snmp_version}
 * @param communities the accepted communities, or empty when {@code community} is not set (then
 *     any community is accepted)
 * @param aggregate whether identical traps are aggregated per window
 * @param window the aggregation and flush window: {@code aggregate_period} when set, else {@code
 *     period}
 * @param concurrency the most traps handled at the same time (more are queued up to this number,
 *     then dropped and counted)
 * @param translator the {@code oids} dictionary
 * @param dimensions the {@code report_oid_dimensions}
 * @param rawByteOids the {@code raw_byte_oids}, normalized
 * @param renderer the value renderer of the {@code encode} charset
 * @param hideAgentPort whether the {@code agent_port} dimension is omitted
 * @param target copied to each record's {@code target}
 * @param users the v3 USM users
 */
record TrapSettings(
    int dataId,
    String listenIp,
    int listenPort,
    Version version,
    Optional<Set<String>> communities,
    boolean aggregate,
    Duration window,
    int concurrency,
    OidTranslator translator,
    OidDimensions dimensions,
    List<String> rawByteOids,
    ValueRenderer renderer,
    boolean hideAgentPort,
    String target,
    List<UsmUserConfig> users) {

  /** The configured SNMP version. v1 and v2c traps are always accepted; v3 needs {@code V3}. */
  enum Version {
    V1("v1"), V2C("v2c"), V3("v3");

    final String label;

    Version(String label) {
      this.label = label;
    }
  }

  /**
   * One {@code usm_info} entry.
   *
   * @param contextName the configured {@code context_name} (not checked on receipt)
   * @param minLevel the lowest accepted security level ({@code msg_flags}), a {@link
   *     SecurityLevel} constant
   * @param userName the USM user name
   * @param authProtocol the authentication protocol, or null
   * @param authPassphrase the authentication passphrase
   * @param privProtocol the privacy protocol, or null
   * @param privPassphrase the privacy passphrase
   * @param engineId the sender's authoritative engine id, or null to accept the user from any
   *     engine
   */
  record UsmUserConfig(
      String contextName,
      int minLevel,
      String userName,
      OID authProtocol,
      String authPassphrase,
      OID privProtocol,
      String privPassphrase,
      byte[] engineId) {}

  TrapSettings {
    rawByteOids = List.copyOf(rawByteOids);
    users = List.copyOf(users);
  }

  /** Returns whether a varbind's value is rendered raw. */
  boolean isRaw(String oid) {
    return rawByteOids.stream().anyMatch(raw -> Oids.isUnderOrEqual(oid, raw));
  }

  /**
   * Reads and validates a task's keys.
   *
   * @throws ConfigException naming the key path and the value
   */
  static TrapSettings parse(TaskSpec task) {
    Settings s = task.settings();
    if (task.dataId() <= 0) {
      throw s.error("dataid", "must be greater than 0 (task or section dataid)");
    }
    String listenIp = s.string("listen_ip", "").trim();
    if (listenIp.startsWith("[") && listenIp.endsWith("]")) {
      listenIp = listenIp.substring(1, listenIp.length() - 1);
    }
    int port = s.integer("listen_port", 162);
    if (port < 0 || port > 65_535) {
      throw s.error("listen_port", "must be between 0 and 65535");
    }
    Version version = switch (s.string("snmp_version", "2c").trim().toLowerCase(Locale.ROOT)) {
      case "v1", "1" -> Version.V1;
      case "v2", "v2c", "2", "2c" -> Version.V2C;
      case "v3", "3" -> Version.V3;
      default -> throw s.error("snmp_version", "must be v1, v2c or v3");
    };
    Optional<Set<String>> communities = Optional.empty();
    String community = s.string("community", "");
    if (!community.isEmpty()) {
      Set<String> accepted = new LinkedHashSet<>();
      for (String item : community.split(",", -1)) {
        accepted.add(item.trim());
      }
      communities = Optional.of(Set.copyOf(accepted));
    }
    Duration window = s.duration("aggregate_period", Duration.ZERO);
    if (window.isNegative() || window.isZero()) {
      window = task.period();
    }
    if (window.isNegative() || window.isZero()) {
      throw s.error("period", "must be greater than 0");
    }
    int concurrency = s.integer("concurrency", 2000);
    if (concurrency < 1) {
      throw s.error("concurrency", "must be at least 1");
    }
    OidTranslator translator;
    try {
      translator = new OidTranslator(s.stringMap("oids"));
    } catch (IllegalArgumentException e) {
      throw s.error("oids", e.getMessage());
    }
    boolean useDisplayName = s.bool("use_display_name_oid", false);
    OidDimensions dimensions;
    try {
      dimensions = new OidDimensions(s.strings("report_oid_dimensions"), translator, useDisplayName);
    } catch (IllegalArgumentException e) {
      throw s.error("report_oid_dimensions", e.getMessage());
    }
    List<String> raw = new ArrayList<>();
    try {
      s.strings("raw_byte_oids").forEach(oid -> raw.add(Oids.normalize(oid)));
    } catch (IllegalArgumentException e) {
      throw s.error("raw_byte_oids", e.getMessage());
    }
    ValueRenderer renderer;
    try {
      renderer = ValueRenderer.forEncoding(s.string("encode", ""));
    } catch (IllegalArgumentException e) {
      throw s.error("encode", e.getMessage());
    }
    List<UsmUserConfig> users = new ArrayList<>();
    for (Settings info : s.sections("usm_info")) {
      users.add(parseUser(info));
    }
    if (version == Version.V3 && users.isEmpty()) {
      throw s.error("usm_info", "needs at least one user when snmp_version is v3");
    }
    return new TrapSettings(task.dataId(), listenIp, port, version, communities,
        s.bool("aggregate", false), window, concurrency, translator, dimensions, raw, renderer,
        s.bool("hide_agent_port", false), s.string("target", ""), users);
  }

  private static UsmUserConfig parseUser(Settings info) {
    Settings usm = info.section("usm_config");
    String user = usm.string("username", "");
    if (user.isEmpty()) {
      throw usm.error("username", "is required");
    }
    OID auth = switch (usm.string("authentication_protocol", "").trim().toLowerCase(Locale.ROOT)) {
      case "", "none", "noauth" -> null;
      case "md5" -> AuthMD5.ID;
      case "sha" -> AuthSHA.ID;
      case "sha224" -> AuthHMAC128SHA224.ID;
      case "sha256" -> AuthHMAC192SHA256.ID;
      case "sha384" -> AuthHMAC256SHA384.ID;
      case "sha512" -> AuthHMAC384SHA512.ID;
      default -> throw usm.error("authentication_protocol",
          "must be md5, sha, sha224, sha256, sha384, sha512 or none");
    };
    OID priv = switch (usm.string("privacy_protocol", "").trim().toLowerCase(Locale.ROOT)) {
      case "", "none", "nopriv" -> null;
      case "des" -> PrivDES.ID;
      case "aes" -> PrivAES128.ID;
      case "aes192", "aes192c" -> PrivAES192.ID;
      case "aes256", "aes256c" -> PrivAES256.ID;
      default -> throw usm.error("privacy_protocol",
          "must be des, aes, aes192, aes192c, aes256, aes256c or none");
    };
    String authPass = usm.string("authentication_passphrase", "");
    String privPass = usm.string("privacy_passphrase", "");
    if (auth != null && authPass.length() < 8) {
      throw usm.error("authentication_passphrase", "must have at least 8 characters");
    }
    if (priv != null && auth == null) {
      throw usm.error("privacy_protocol", "needs an authentication_protocol");
    }
    if (priv != null && privPass.length() < 8) {
      throw usm.error("privacy_passphrase", "must have at least 8 characters");
    }
    int minLevel = SecurityLevel.NOAUTH_NOPRIV;
    String flags = info.string("msg_flags", "noauthnopriv").trim().toLowerCase(Locale.ROOT);
    for (String flag : flags.split("[|,+\\s]+")) {
      switch (flag) {
        case "", "noauthnopriv", "reportable" -> { }
        case "authnopriv" -> minLevel = Math.max(minLevel, SecurityLevel.AUTH_NOPRIV);
        case "authpriv" -> minLevel = SecurityLevel.AUTH_PRIV;
        default -> throw info.error("msg_flags",
            "must be noauthnopriv, authnopriv, authpriv (optionally with reportable)");
      }
    }
    if (minLevel >= SecurityLevel.AUTH_NOPRIV && auth == null) {
      throw info.error("msg_flags", "asks for authentication but the user has no authentication_protocol");
    }
    if (minLevel == SecurityLevel.AUTH_PRIV && priv == null) {
      throw info.error("msg_flags", "asks for privacy but the user has no privacy_protocol");
    }
    byte[] engineId = null;
    String engineText = usm.string("authoritative_engineID", "").trim();
    if (engineText.startsWith("0x") || engineText.startsWith("0X")) {
      engineText = engineText.substring(2);
    }
    if (!engineText.isEmpty()) {
      try {
        engineId = HexFormat.of().parseHex(engineText);
      } catch (IllegalArgumentException e) {
        throw usm.error("authoritative_engineID", "must be hexadecimal digit pairs");
      }
      if (engineId.length < 5 || engineId.length > 32) {
        throw usm.error("authoritative_engineID", "must be 5 to 32 bytes long");
      }
    }
    // Accepted for compatibility: a receiver learns the sender's boots and time from its traps.
    usm.integer("authoritative_engineboots", 1);
    usm.integer("authoritative_enginetime", 1);
    return new UsmUserConfig(info.string("context_name", ""), minLevel, user, auth, authPass,
        priv, privPass, engineId);
  }
}
