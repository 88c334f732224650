package io.bkmonitorbeat.plugin.procsync;

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
    Set<String> entries = PluginJarCheck.verify(jar, "procsync", "1.0.0", ProcsyncCollectorProvider.class.getName());
    assertThat(entries).as("config-writer is shaded in").contains("io/bkmonitorbeat/configwriter/ConfigFiles.class");
    assertThat(entries).as("Jackson comes from the host")
        .noneMatch(entry -> entry.startsWith("com/fasterxml/"));
    assertThat(Files.size(jar)).isLessThan(1_000_000L);
  }
}
