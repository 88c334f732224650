package io.bkmonitorbeat.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import io.bkmonitorbeat.host.config.LoggingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
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
    new StartupLogging().configure(context);
  }

  @Test
  void logbackStartsWithStartupLoggingToStderrWithoutJoran() {
    assertThat(ServiceLoader.load(Configurator.class)).singleElement()
        .isInstanceOf(StartupLogging.class);
    LoggerContext context = new LoggerContext();
    assertThat(new StartupLogging().configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.WARN);
    assertThat(getClass().getResource("/logback.xml")).as("no XML configuration to parse").isNull();
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
