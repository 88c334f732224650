package io.bkmonitorbeat.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.bkmonitorbeat.host.config.LoggingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
  @TempDir Path dir;

  @AfterEach
  void restoreDefaultLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback.xml"));
  }

  @Test
  void writesBkmonitorbeatLogAtTheConfiguredLevel() throws Exception {
    LoggingSetup.apply(new LoggingConfig("warning", dir.toString(), 10, 3, 5, false));
    Logger logger = LoggerFactory.getLogger("test.logging");

    logger.info("an info line that must not appear");
    logger.warn("a warning line");
    java.util.logging.Logger.getLogger("jul.test").warning("from java.util.logging");

    String log = Files.readString(dir.resolve("bkmonitorbeat.log"));
    assertThat(log).contains("a warning line").contains("from java.util.logging")
        .doesNotContain("an info line");
  }
}
