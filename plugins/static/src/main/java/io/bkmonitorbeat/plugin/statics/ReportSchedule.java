package io.bkmonitorbeat.plugin.statics;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * When static reports and checks (spec 3.2). The first report goes out at once; the second after a
 * random delay below one hour (spreading a fleet's reports), and both carry {@code oper: add}; after
 * that a report goes out at the report period, or when a check every check period finds changed
 * data ({@code oper: update}).
 *
 * <p>Gap 25 fixed: the random delay is drawn from [1 s, 3600 s), never 0 — a zero draw kept the
 * original in its first phase, re-reporting on every run.
 *
 * <p>Not thread-safe; used by the collecting thread only.
 */
final class ReportSchedule {
  static final long MAX_PENDING_SECONDS = 3600;

  private final StaticSettings settings;
  private final LongUnaryOperator random;
  private Instant lastCheck;
  private Instant lastReport;
  private Duration pending = Duration.ZERO;
  private boolean firstPhase = true;

  /**
   * @param random returns a value in [0, bound) for a bound
   */
  ReportSchedule(StaticSettings settings, LongUnaryOperator random) {
    this.settings = settings;
    this.random = random;
  }

  boolean shouldReport(Instant now) {
    if (firstPhase) {
      return pending.isZero() || Duration.between(lastReport, now).compareTo(pending) > 0;
    }
    return Duration.between(lastReport, now).compareTo(settings.reportPeriod()) > 0;
  }

  boolean shouldCheck(Instant now) {
    return lastCheck == null
        || Duration.between(lastCheck, now).compareTo(settings.checkPeriod()) > 0;
  }

  void checked(Instant now) {
    lastCheck = now;
  }

  /** Records a report; returns the {@code oper} it carries. */
  String reported(Instant now) {
    lastReport = now;
    if (!firstPhase) {
      return "update";
    }
    if (pending.isZero()) {
      pending = Duration.ofSeconds(1 + random.applyAsLong(MAX_PENDING_SECONDS - 1));
    } else {
      firstPhase = false;
    }
    return "add";
  }
}
