package io.bkmonitorbeat.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParentFirstPolicyTest {

  @ParameterizedTest(name = "{0} -> parent first: {1}")
  @CsvSource({
    "java.lang.String, true",
    "javax.net.ssl.SSLContext, true",
    "org.pf4j.ExtensionPoint, true",
    "io.bkmonitorbeat.api.CollectorProvider, true",
    "io.bkmonitorbeat.api.internal.Anything, true",
    "org.slf4j.Logger, true",
    "com.sun.jna.Native, true",
    "oshi.SystemInfo, true",
    "jnr.ffi.LibraryLoader, true",
    "com.kenai.jffi.Foreign, true",
    "io.bkmonitorbeat.apiextra.Thing, false",
    "io.bkmonitorbeat.host.runtime.Agent, false",
    "io.bkmonitorbeat.plugin.tcp.TcpCollector, false",
    "org.snmp4j.Snmp, false",
    "com.jcraft.jsch.JSch, false",
    "com.fasterxml.jackson.databind.ObjectMapper, false",
    "org.pf4jextra.Foo, false"
  })
  void classifiesClassNames(String className, boolean parentFirst) {
    assertThat(ParentFirstPolicy.isParentFirst(className)).isEqualTo(parentFirst);
  }
}
