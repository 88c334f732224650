package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball's layout, and the node manager's rendered templates run by the real agent. */
class TarballIT {
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
  void theRenderedTemplatesLoadAndEveryTaskRuns() throws Exception {
    Path examples = Path.of(System.getProperty("bkm.examples"));
    Path child = Files.createDirectories(work.resolve("child"));
    Files.copy(examples.resolve("bkmonitorbeat_tcp.conf"), child.resolve("bkmonitorbeat_tcp.conf"));
    Files.copy(examples.resolve("bkmonitorbeat_http.conf"), child.resolve("bkmonitorbeat_http.conf"));
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
    assertThat(check.stdout()).contains("\"task_id\":101").contains("\"task_id\":102")
        .contains("\"task_id\":201").contains("\"task_id\":202");
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
