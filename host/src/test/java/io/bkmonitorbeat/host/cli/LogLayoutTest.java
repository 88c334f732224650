package io.bkmonitorbeat.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written layout prints exactly what the pattern it replaces printed. */
class LogLayoutTest {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} %X{task} - %msg%n";

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("io.bkmonitorbeat.host.publish.GseOutput");

  @Test
  void printsWhatThePatternPrinted() {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern(PATTERN);
    pattern.start();
    LogLayout layout = new LogLayout();
    layout.setContext(context);
    layout.start();

    LoggingEvent plain = new LoggingEvent("fqcn", logger, Level.INFO, "sent {} frames", null,
        new Object[] {3});
    plain.setMDCPropertyMap(Map.of());
    LoggingEvent failed = new LoggingEvent("fqcn", logger, Level.WARN, "probe failed",
        new IllegalStateException("refused", new IOException("connect")), null);
    failed.setMDCPropertyMap(Map.of("task", "tcp/7"));
    LoggingEvent debug = new LoggingEvent("fqcn", context.getLogger("x"), Level.DEBUG, "d", null, null);
    debug.setMDCPropertyMap(Map.of());

    for (LoggingEvent event : new LoggingEvent[] {plain, failed, debug}) {
      assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
    }
    assertThat(layout.doLayout(plain)).contains(" INFO  [", "] i.b.host.publish.GseOutput  - sent 3 frames");
    assertThat(layout.doLayout(failed)).contains("tcp/7 - probe failed", "IllegalStateException: refused",
        "Caused by: java.io.IOException: connect");
  }
}
