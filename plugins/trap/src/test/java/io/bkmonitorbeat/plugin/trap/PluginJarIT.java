package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesWhatItNeeds() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "trap", "1.0.0", TrapCollectorProvider.class.getName());
    assertThat(entries).as("snmp4j is shaded in")
        .contains("org/snmp4j/MessageDispatcherImpl.class", "org/snmp4j/security/USM.class")
        .doesNotContain("module-info.class");
    assertThat(Files.size(jar)).isLessThan(2_000_000L);
  }
}
