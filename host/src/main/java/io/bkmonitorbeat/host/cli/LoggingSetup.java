package io.bkmonitorbeat.host.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies bkmonitorbeat's {@code logging.*} keys to logback (spec 3.4): {@code level}
 * (critical|error|warning|info|debug), {@code path} (directory of {@code bkmonitorbeat.log}),
 * {@code maxsize} (MB per file), {@code maxage} (days kept), {@code backups} (files kept),
 * {@code stdout} (also log to the console). Without {@code path} the log goes to stderr. Console
 * logging uses stderr, never stdout, because stdout carries the console output's events. Not
 * thread-safe; called once at start.
 */
final class LoggingSetup {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} %X{task} - %msg%n";

  private LoggingSetup() {}

  static void apply(Settings logging) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = level(logging);
    String path = logging.string("path", "");
    boolean toConsole = path.isEmpty() || logging.bool("stdout", false);
    root.detachAndStopAllAppenders();
    root.setLevel(level);
    if (!path.isEmpty()) {
      root.addAppender(fileAppender(context, Path.of(path), logging));
    }
    if (toConsole) {
      root.addAppender(consoleAppender(context));
    }
  }

  private static Level level(Settings logging) {
    String level = logging.string("level", "info").trim().toLowerCase(Locale.ROOT);
    return switch (level) {
      case "critical", "error" -> Level.ERROR;
      case "warning", "warn" -> Level.WARN;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      default -> throw logging.error("level", "must be one of critical, error, warning, info, debug");
    };
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(
      LoggerContext context, Path dir, Settings logging) {
    long maxSizeMb = Math.max(1, logging.longValue("maxsize", 10));
    int maxAgeDays = Math.max(1, logging.integer("maxage", 7));
    int backups = Math.max(1, logging.integer("backups", 5));
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(dir.resolve("bkmonitorbeat.log").toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(dir.resolve("bkmonitorbeat.%d{yyyy-MM-dd}.%i.log").toString());
    policy.setMaxFileSize(FileSize.valueOf(maxSizeMb + "MB"));
    policy.setMaxHistory(maxAgeDays);
    policy.setTotalSizeCap(FileSize.valueOf(maxSizeMb * (backups + 1) + "MB"));
    policy.start();
    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder(context));
    appender.start();
    return appender;
  }

  private static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context));
    appender.start();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
