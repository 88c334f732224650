package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesTheParser() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "metricbeat", "1.0.0",
        MetricbeatCollectorProvider.class.getName());
    assertThat(entries).as("prom-common is shaded in")
        .contains("io/bkmonitorbeat/prom/PromTextParser.class", "io/bkmonitorbeat/prom/Labels.class");
    assertThat(entries).as("Jackson comes from the host").noneMatch(e -> e.startsWith("com/fasterxml/"));
    assertThat(Files.size(jar)).isLessThan(1_000_000L);
  }
}
