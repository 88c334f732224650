package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesHostCommonButNotOshiOrJna() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "basereport", "1.0.0",
        BasereportCollectorProvider.class.getName());
    assertThat(entries).contains("io/bkmonitorbeat/hostcommon/ProcStatParser.class");
    assertThat(entries).as("OSHI and JNA come from the host, parent-first")
        .noneMatch(e -> e.startsWith("oshi/") || e.startsWith("com/sun/jna/"));
  }
}
