package io.bkmonitorbeat.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {
  @TempDir Path dir;

  @Test
  void globsInTheDirectoryPartMatchOneSegmentEach() throws Exception {
    Files.createDirectories(dir.resolve("a/logs"));
    Files.createDirectories(dir.resolve("b/logs/deep"));
    Files.writeString(dir.resolve("a/logs/x.log"), "");
    Files.writeString(dir.resolve("b/logs/y.log"), "");
    Files.writeString(dir.resolve("b/logs/deep/z.log"), "");
    Files.writeString(dir.resolve("b/logs/y.log.gz"), "");
    FileDiscovery discovery = new FileDiscovery(List.of(dir + "/*/logs/*.log*"), List.of(Pattern.compile("\\.gz$")));
    assertThat(discovery.find()).containsExactlyInAnyOrder(
        dir.resolve("a/logs/x.log").toRealPath(), dir.resolve("b/logs/y.log").toRealPath());
  }

  @Test
  void doubleStarCrossesDirectories() throws Exception {
    Files.createDirectories(dir.resolve("b/logs/deep"));
    Files.writeString(dir.resolve("b/logs/deep/z.log"), "");
    FileDiscovery discovery = new FileDiscovery(List.of(dir + "/**/*.log"), List.of());
    assertThat(discovery.find()).containsExactly(dir.resolve("b/logs/deep/z.log").toRealPath());
  }

  @Test
  void symlinksResolveToTheirTarget() throws Exception {
    Path target = dir.resolve("real/app.log");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "");
    Files.createSymbolicLink(dir.resolve("link.log"), target);
    FileDiscovery discovery = new FileDiscovery(List.of(dir + "/link.log"), List.of());
    assertThat(discovery.find()).containsExactly(target.toRealPath());
  }

  @Test
  void missingBaseDirectoryFindsNothingAndRelativeGlobsAreRejected() {
    assertThat(new FileDiscovery(List.of(dir + "/nope/*.log"), List.of()).find()).isEmpty();
    assertThatThrownBy(() -> new FileDiscovery(List.of("logs/*.log"), List.of()))
        .hasMessageContaining("absolute");
  }
}
