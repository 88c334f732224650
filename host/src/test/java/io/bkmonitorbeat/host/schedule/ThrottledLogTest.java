package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

  @Test
  void letsABurstThroughPerWindowThenSummarises() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.throttled");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    AtomicLong nanos = new AtomicLong();
    ThrottledLog log = new ThrottledLog(logger, 3, Duration.ofMinutes(1), nanos::get);
    RuntimeException boom = new RuntimeException("boom");

    for (int i = 0; i < 10; i++) {
      log.warn("task-a", "run failed", boom);
    }
    log.warn("task-b", "run failed", boom); // other keys have their own budget
    assertThat(appender.list).hasSize(5);
    assertThat(appender.list.subList(0, 3))
        .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
    assertThat(appender.list.get(3).getFormattedMessage()).contains("suppressing further");
    assertThat(appender.list.get(3).getThrowableProxy()).isNull();

    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    log.warn("task-a", "run failed", boom);
    assertThat(appender.list.get(5).getFormattedMessage())
        .isEqualTo("task-a: 7 similar warnings were suppressed in the previous PT1M");
    assertThat(appender.list.get(6).getThrowableProxy()).isNotNull();
    logger.detachAppender(appender);
  }
}
