package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.HostCmdb.Bind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The CMDB process list of the host-id file (host-collectors 1.3), read by the host's one reader
 * and handed to plugins as {@link HostCmdb}: fixtures for a valid, a partial and a malformed file.
 */
class HostIdProcessesTest {
  @TempDir Path dir;

  static String fixture(String name) throws Exception {
    return Files.readString(Path.of(HostIdProcessesTest.class.getResource("/hostid/" + name).toURI()));
  }

  @Test
  void validFileGivesTheProcessListAndBothAddresses() throws Exception {
    List<String> warnings = new ArrayList<>();
    HostIdInfo info = HostIdParser.parse(fixture("valid.json"), 10, warnings);

    assertThat(warnings).isEmpty();
    HostCmdb cmdb = info.cmdb();
    assertThat(cmdb.loaded()).isTrue();
    assertThat(cmdb.innerIp()).isEqualTo("10.0.0.5");
    assertThat(cmdb.outerIp()).isEqualTo("203.0.113.7");
    assertThat(cmdb.processes()).containsExactly(
        new HostCmdb.Process("nginx", "web-nginx", "3", "80,443", "1", "", true, List.of()),
        new HostCmdb.Process("java", "api", "", "", "", "-jar api\\.jar", true, List.of(
            new Bind(true, "2", "8080-8082", "1"), new Bind(false, "1", "9000", "2"),
            new Bind(true, "4", "53", "2"))),
        new HostCmdb.Process("redis-server", "redis", "1", "6379", "tcp", "", false, List.of()));
    assertThat(info.cmdbLevels()).hasSize(1); // the identity part is unchanged by the process list
    assertThat(cmdb.levels()).as("topology for label expansion (keyword)").isEqualTo(info.cmdbLevels());
  }

  @Test
  void partialFileKeepsTheGoodItemsAndSaysWhyTheOthersWereDropped() throws Exception {
    List<String> warnings = new ArrayList<>();
    HostIdInfo info = HostIdParser.parse(fixture("partial.json"), 10, warnings);

    assertThat(info.processes()).containsExactly(
        new HostCmdb.Process("sshd", "", "", "", "", "", true, List.of()),
        new HostCmdb.Process("42", "", "", "22", "", "", true, List.of()));
    assertThat(info.outerIp()).isEmpty();
    assertThat(warnings).containsExactly(
        "process[2] dropped: 'bk_enable_port' must be a boolean, was \"yes\"",
        "process[3] dropped: not an object: \"not-an-object\"",
        "process[4] dropped: 'bind_info' must be a list, was {\"ip\":\"1\"}");
  }

  @Test
  void malformedFilesAreRejectedWithTheReason() throws Exception {
    assertThatThrownBy(() -> HostIdParser.parse(fixture("malformed.json"), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> HostIdParser.parse(fixture("float.json"), 10))
        .hasMessageContaining("'bk_mem' must be an integer");
  }

  @Test
  void noFileAndTheIgnoredDummyAreNotLoaded() {
    assertThat(HostIdInfo.EMPTY.cmdb()).isEqualTo(HostCmdb.NONE);
    assertThat(HostIdFile.IGNORED.cmdb()).isEqualTo(HostCmdb.NONE);
    assertThat(HostIdParser.parse("{}", 10).cmdb().loaded()).isTrue();
  }

  @Test
  void watcherKeepsTheLastGoodProcessListAndLogsWhyTheNewFileIsUnusable() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(HostIdWatcher.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Path file = dir.resolve("hostid");
    try (HostIdWatcher watcher = new HostIdWatcher(new HostIdSettings(file, 10, false, false),
        r -> new Thread(r, "hostid-test"), changed -> {}, Duration.ofHours(1))) {
      write(file, fixture("valid.json"), 1);
      watcher.start();
      assertThat(watcher.current().processes()).hasSize(3);

      write(file, fixture("malformed.json"), 2);
      assertThat(watcher.refresh()).isFalse();
      assertThat(watcher.current().processes()).hasSize(3);
      assertThat(watcher.current().cmdb().loaded()).isTrue();
      assertThat(appender.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
          .contains(file.toString(), "keeping the previous content", "not valid JSON"));

      write(file, fixture("partial.json"), 3);
      assertThat(watcher.refresh()).isTrue();
      assertThat(watcher.current().processes()).extracting(HostCmdb.Process::funcName)
          .containsExactly("sshd", "42");
      assertThat(appender.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
          .contains("process[3] dropped"));

      Files.delete(file);
      assertThat(watcher.refresh()).isTrue();
      assertThat(watcher.current().cmdb()).isEqualTo(HostCmdb.NONE);
    } finally {
      logger.detachAppender(appender);
    }
  }

  private static void write(Path file, String text, int second) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }
}
