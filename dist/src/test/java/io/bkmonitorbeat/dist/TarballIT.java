package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball's layout, and the node manager's rendered templates run by the real agent. */
class TarballIT {
  /** Types whose tasks are listeners, which -check mode loads but does not start. */
  private static final Set<String> STREAMING = Set.of("snmptrap", "keyword", "kubeevent");

  @TempDir Path work;
  private Installation installation;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
  }

  @Test
  void hasTheDocumentedLayout() throws Exception {
    Path home = installation.home;
    assertThat(installation.bin()).isExecutable();
    assertThat(home.resolve("etc/bkmonitorbeat.yml")).isRegularFile();
    assertThat(home.resolve("etc/bkmonitorbeat-gse.yml")).isRegularFile();
    assertThat(home.resolve("etc/child")).isEmptyDirectory();
    assertThat(home.resolve("logs")).isDirectory();
    assertThat(home.resolve("data")).isDirectory();
    assertThat(names(home.resolve("lib")))
        .anyMatch(n -> n.startsWith("bkmonitorbeat-host-"))
        .anyMatch(n -> n.startsWith("bkmonitorbeat-plugin-api-"))
        .anyMatch(n -> n.startsWith("pf4j-"))
        .anyMatch(n -> n.startsWith("jnr-unixsocket-"))
        .noneMatch(n -> n.startsWith("bkmonitorbeat-plugin-") && !n.startsWith("bkmonitorbeat-plugin-api"))
        .noneMatch(n -> n.startsWith("bkmonitorbeat-probe-common"));
    List<String> plugins = names(home.resolve("plugins"));
    assertThat(plugins).contains("bkmonitorbeat-plugin-tcp-1.0.0.jar");
    for (String plugin : plugins) {
      try (JarFile jar = new JarFile(home.resolve("plugins").resolve(plugin).toFile())) {
        assertThat(jar.getEntry("META-INF/extensions.idx")).as(plugin + " extension index").isNotNull();
        assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Requires"))
            .as(plugin + " Plugin-Requires").startsWith(">=1.");
      }
    }
  }

  @Test
  void theRenderedTemplatesLoadAndEveryPolledTaskRuns() throws Exception {
    Path examples = Path.of(System.getProperty("bkm.examples"));
    Path child = Files.createDirectories(work.resolve("child"));
    List<String> expectedTaskIds = new ArrayList<>();
    for (String name : names(examples)) {
      String text = Files.readString(examples.resolve(name));
      Matcher type = Pattern.compile("(?m)^type: (\\w+)").matcher(text);
      if (!name.equals("bkmonitorbeat.conf") && type.find()) {
        Files.writeString(child.resolve(name), text);
        if (!STREAMING.contains(type.group(1))) { // -check runs polled tasks only
          Matcher taskId = Pattern.compile("(?m)^  - task_id: (\\d+)").matcher(text);
          while (taskId.find()) {
            // a number in uptime-check events, a string dimension in ping's
            expectedTaskIds.add("\"task_id\":\"?" + taskId.group(1) + "\\b");
          }
        }
      }
    }
    assertThat(expectedTaskIds).as("child examples with polled tasks").hasSizeGreaterThan(4);
    String main = Files.readString(examples.resolve("bkmonitorbeat.conf"))
        .replaceAll("(?s)output\\.bkpipe:.*?\\n\\n", "output.console: {}\n\n")
        .replace("/var/log/gse", work.resolve("logs").toString())
        .replace("/var/lib/gse/host/hostid", work.resolve("no-hostid").toString())
        .replace("/var/lib/gse", work.resolve("data").toString())
        .replace("/var/run/gse", work.toString())
        .replace("/usr/local/gse/plugins/etc/bkmonitorbeat", child.toString());
    Path config = Files.writeString(work.resolve("rendered.yml"), main);

    AgentProcess check = installation.run(work, "-c", config.toString(), "-check");

    assertThat(check.awaitExit(1)).as(check.stderr()).isZero();
    assertThat(check.stderr()).doesNotContain("invalid configuration");
    for (String taskId : expectedTaskIds) {
      assertThat(check.stdout()).as(taskId).containsPattern(taskId);
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
