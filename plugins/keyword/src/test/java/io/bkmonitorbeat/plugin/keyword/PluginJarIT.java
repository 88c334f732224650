package io.bkmonitorbeat.plugin.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shaded plugin jar the host will load. */
class PluginJarIT {

  @Test
  void jarMeetsThePf4jContractAndBundlesTheTailer() throws Exception {
    Path jar = PluginJarCheck.builtJar();
    Set<String> entries = PluginJarCheck.verify(jar, "keyword", "1.0.0", KeywordCollectorProvider.class.getName());
    assertThat(entries).as("tail-common is shaded in").contains("io/bkmonitorbeat/tail/Tailer.class");
  }
}
