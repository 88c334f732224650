package io.bkmonitorbeat.plugin.kubeevent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractBundlesTheTailerAndNotJackson() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "kubeevent", "1.0.0", KubeEventCollectorProvider.class.getName());
    assertThat(entries).contains("io/bkmonitorbeat/tail/Tailer.class");
    assertThat(entries).as("Jackson comes from the host, parent-first")
        .noneMatch(e -> e.startsWith("com/fasterxml/"));
  }
}
