package io.bkmonitorbeat.plugin.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContract() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "static", "1.0.0",
        StaticCollectorProvider.class.getName());
    assertThat(entries).contains("io/bkmonitorbeat/hostcommon/NetInterfaces.class");
    assertThat(entries).noneMatch(e -> e.startsWith("oshi/") || e.startsWith("com/sun/jna/"));
  }
}
