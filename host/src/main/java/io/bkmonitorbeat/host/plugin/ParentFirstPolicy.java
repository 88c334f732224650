package io.bkmonitorbeat.host.plugin;

import java.util.List;

/**
 * Which classes a plugin must get from the host rather than from its own jar. Thread-safe.
 *
 * <p>Parent-first: the JDK and its XML/security packages; PF4J and the plugin API (a second copy
 * in a jar would make {@code CollectorProvider} a different class, so PF4J would find no
 * extension); SLF4J (a bundled copy would have no backend); and libraries that bind a JNI library
 * (JNA, OSHI, jnr/jffi), because the JVM lets one native library file bind to one class loader
 * only. Everything else is child-first, so a plugin's private libraries (snmp4j, jsch) never
 * clash with the host's or another plugin's.
 */
final class ParentFirstPolicy {
  private static final List<String> PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "org.w3c.dom.",
          "org.xml.sax.",
          "org.ietf.jgss.",
          "org.pf4j.",
          "io.bkmonitorbeat.api.",
          "org.slf4j.",
          "oshi.",
          "jnr.",
          "com.kenai.jffi.");

  private ParentFirstPolicy() {}

  /** Returns whether {@code className} must be loaded by the host's class loader. */
  static boolean isParentFirst(String className) {
    for (String prefix : PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
