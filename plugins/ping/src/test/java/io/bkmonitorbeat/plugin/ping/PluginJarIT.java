package io.bkmonitorbeat.plugin.ping;

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
    Set<String> entries = PluginJarCheck.verify(jar, "ping", "1.0.0", PingCollectorProvider.class.getName());
    assertThat(entries).as("probe-common is shaded in").contains("io/bkmonitorbeat/probe/Matcher.class");
    assertThat(entries).as("jnr-ffi comes from the host, parent-first")
        .noneMatch(name -> name.startsWith("jnr/"))
        .noneMatch(name -> name.startsWith("com/kenai/"))
        .noneMatch(name -> name.startsWith("org/objectweb/asm/"));
    assertThat(Files.size(jar)).isLessThan(1_000_000L);
  }
}
