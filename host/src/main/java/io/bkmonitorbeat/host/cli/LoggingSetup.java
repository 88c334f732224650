package io.bkmonitorbeat.host.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.bkmonitorbeat.host.config.LoggingConfig;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies bkmonitorbeat's {@code logging.*} keys to logback (spec 3.4): {@code level}, {@code
 * path} (directory of {@code bkmonitorbeat.log}), {@code maxsize} (MB per file), {@code maxage}
 * (days kept), {@code backups} (files kept, as a total size cap), {@code stdout} (also log to the
 * console). Without {@code path} the log goes to stderr. Console
 * logging uses stderr, never stdout, because stdout carries the console output's events. Not
 * thread-safe; called once at start.
 */
final class LoggingSetup {
  private LoggingSetup() {}

  static void apply(LoggingConfig logging) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = level(logging.level());
    String path = logging.path();
    boolean toConsole = path.isEmpty() || logging.stdout();
    root.detachAndStopAllAppenders();
    root.setLevel(level);
    if (!path.isEmpty()) {
      root.addAppender(fileAppender(context, Path.of(path), logging));
    }
    if (toConsole) {
      root.addAppender(consoleAppender(context));
    }
  }

  private static Level level(String level) {
    return switch (level) {
      case "critical", "error" -> Level.ERROR;
      case "warning", "warn" -> Level.WARN;
      case "debug" -> Level.DEBUG;
      default -> Level.INFO; // validated by LoggingConfig
    };
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(
      LoggerContext context, Path dir, LoggingConfig logging) {
    long maxSizeMb = Math.max(1, logging.maxSizeMb());
    int backups = Math.max(1, logging.backups());
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(dir.resolve("bkmonitorbeat.log").toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(dir.resolve("bkmonitorbeat.%d{yyyy-MM-dd}.%i.log").toString());
    policy.setMaxFileSize(FileSize.valueOf(maxSizeMb + "MB"));
    if (logging.maxAgeDays() > 0) {
      policy.setMaxHistory(logging.maxAgeDays());
    }
    policy.setTotalSizeCap(FileSize.valueOf(maxSizeMb * (backups + 1) + "MB"));
    policy.start();
    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder(context));
    appender.start();
    return appender;
  }

  /** Returns a started appender writing to stderr in the agent's log pattern. */
  static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context));
    appender.start();
    return appender;
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
    LogLayout layout = new LogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }
}
