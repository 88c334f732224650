package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesNoHostLibrary() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "exceptionbeat", "1.0.0",
        ExceptionbeatCollectorProvider.class.getName());
    assertThat(entries).as("jnr-ffi comes from the host")
        .noneMatch(entry -> entry.startsWith("jnr/") || entry.startsWith("com/kenai/"));
    assertThat(Files.size(jar)).isLessThan(200_000L);
  }
}
