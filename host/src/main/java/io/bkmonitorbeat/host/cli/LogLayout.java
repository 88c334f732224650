package io.bkmonitorbeat.host.cli;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The agent's log line, {@code 2026-12-02T16:41:24.233Z INFO  [main] i.b.host.publish.GseOutput
 * <task> - message}, then the stack trace if any: what the pattern {@code
 * %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} %X{task} - %msg%n} prints.
 *
 * <p>Why code and not logback's {@code PatternLayout}: the pattern machinery loads about 150
 * classes (a converter lambda per pattern word, a parser, a compiler) that a daemon keeps for its
 * whole life. Thread-safe: the formatter and the abbreviator are immutable.
 */
final class LogLayout extends LayoutBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());
  private final TargetLengthBasedClassNameAbbreviator loggerName =
      new TargetLengthBasedClassNameAbbreviator(30);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    String level = event.getLevel().toString();
    line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())));
    line.append(" [").append(event.getThreadName()).append("] ");
    line.append(loggerName.abbreviate(event.getLoggerName())).append(' ');
    String task = event.getMDCPropertyMap().get("task");
    line.append(task == null ? "" : task).append(" - ").append(event.getFormattedMessage());
    line.append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)); // ends with a line separator
    }
    return line.toString();
  }
}
