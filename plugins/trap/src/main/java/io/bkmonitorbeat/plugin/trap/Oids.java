package io.bkmonitorbeat.plugin.trap;

/**
 * Dotted OID text helpers. OIDs are compared on whole sub-identifiers: {@code 1.3.6.1.13} is not
 * under {@code 1.3.6.1.1} (spec gap G-8: the original trimmed a character set instead).
 */
final class Oids {
  /** {@code snmpTrapOID.0}: the varbind of a v2c/v3 notification that names the trap. */
  static final String SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0";
  /** {@code sysUpTime.0}: first varbind of every v2c/v3 notification. */
  static final String SYS_UP_TIME = "1.3.6.1.2.1.1.3.0";

  private Oids() {}

  /**
   * Returns the OID without a leading dot and surrounding blanks.
   *
   * @throws IllegalArgumentException if it is not a dotted list of non-negative integers
   */
  static String normalize(String oid) {
    String text = oid.trim();
    if (text.startsWith(".")) {
      text = text.substring(1);
    }
    if (!text.matches("\\d+(\\.\\d+)*")) {
      throw new IllegalArgumentException("not an OID: '" + oid + "'");
    }
    return text;
  }

  /** Returns the OID as gosnmp prints it, with a leading dot. */
  static String dotted(String normalizedOid) {
    return normalizedOid.isEmpty() ? "" : "." + normalizedOid;
  }

  /** Returns whether {@code oid} equals {@code prefix} or lies under it (whole sub-identifiers). */
  static boolean isUnderOrEqual(String oid, String prefix) {
    return oid.equals(prefix) || (oid.startsWith(prefix) && oid.charAt(prefix.length()) == '.');
  }

  /** Returns the OID without its last sub-identifier, or an empty string for a single one. */
  static String parent(String oid) {
    int dot = oid.lastIndexOf('.');
    return dot < 0 ? "" : oid.substring(0, dot);
  }

  /** Returns the last sub-identifier. */
  static String last(String oid) {
    return oid.substring(oid.lastIndexOf('.') + 1);
  }
}
