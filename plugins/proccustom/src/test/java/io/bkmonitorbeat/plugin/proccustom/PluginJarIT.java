package io.bkmonitorbeat.plugin.proccustom;

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
    Set<String> entries = PluginJarCheck.verify(jar, "proccustom", "1.0.0",
        ProccustomCollectorProvider.class.getName());
    assertThat(entries).as("proc-common is shaded in").contains("io/bkmonitorbeat/proc/ProcessScanner.class");
    assertThat(entries).as("jnr comes from the host").noneMatch(e -> e.startsWith("jnr/"));
    assertThat(Files.size(jar)).isLessThan(1_000_000L);
  }
}
