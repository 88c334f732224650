package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.GatherUp;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one script task (spec 10.6). A run executes the command through its {@link
 * CommandRunner} with the task's timeout, then either reports the failure as a gather-up event
 * (2304 timeout, 2301 failed or non-zero exit, 2303 no output; no metric events) or emits one
 * metric event per group of samples and a gather-up event (2502 with value 1 when some lines were
 * malformed, else 0 with the number of events sent + 1).
 *
 * <p>Each run holds one permit of the task's concurrency limiter ({@code
 * concurrency_limit.task.script}); a run that gets none before its deadline is skipped and
 * counted.
 *
 * <p>Failures are logged at WARN when their message changes and at DEBUG while it repeats, so a
 * broken script every 10 s does not flood the log; counters carry the totals.
 */
final class ScriptCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(ScriptCollector.class);
  /** Longest time kept back from the host's deadline to kill the command and emit the events. */
  private static final Duration RESERVE = Duration.ofMillis(100);

  private final CollectorContext context;
  private final TaskSpec task;
  private final ScriptSettings settings;
  private final CommandRunner runner;
  private final ScriptEvents events;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong noOutput = new AtomicLong();
  private final AtomicLong formatErrors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong noPermit = new AtomicLong();
  private volatile String lastProblem = "";
  private volatile boolean closed;

  ScriptCollector(CollectorContext context, ScriptSettings settings, CommandRunner runner, ZoneId localZone) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.runner = runner;
    this.events = new ScriptEvents(task, settings.unit(), localZone);
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    Instant start = context.clock().instant();
    long startNanos = System.nanoTime();
    Duration available = Duration.between(start, deadline);
    if (available.compareTo(task.timeout()) > 0) {
      available = task.timeout();
    }
    Duration reserve = available.dividedBy(10).compareTo(RESERVE) < 0 ? available.dividedBy(10) : RESERVE;
    long deadlineNanos = startNanos + Math.max(0, available.minus(reserve).toNanos());
    ConcurrencyLimiter.Permit permit;
    try {
      // Beyond the original (where only http/tcp/udp acquire): concurrency_limit.task.script caps
      // how many scripts run at once; without that configuration this never waits.
      permit = context.limiter().acquire(start.plus(available.minus(reserve)));
    } catch (TimeoutException e) {
      noPermit.incrementAndGet();
      log.debug("{}: no concurrency permit before the deadline; run skipped", task.label());
      return;
    }
    runs.incrementAndGet();
    RunResult result;
    try (permit) {
      result = runner.run(deadlineNanos);
    }
    if (closed) {
      return; // the task was removed or changed mid-run: report nothing
    }
    switch (result.outcome()) {
      case TIMED_OUT -> {
        timedOut.incrementAndGet();
        problem(result.message());
        gatherUp(ErrorCode.SCRIPT_RUN_TIMEOUT, 0);
        return;
      }
      case FAILED -> {
        failed.incrementAndGet();
        problem(result.message());
        gatherUp(ErrorCode.SCRIPT_RUN_FAILED, 0);
        return;
      }
      case COMPLETED -> {
        // below
      }
    }
    if (isBlank(result.output())) {
      noOutput.incrementAndGet();
      problem(settings.command() + " printed nothing");
      gatherUp(ErrorCode.SCRIPT_NO_OUTPUT, 0);
      return;
    }
    long nowNanos = epochNanos(start);
    OutputConverter.Result converted =
        OutputConverter.convert(result.output(), nowNanos, settings.unit(), settings.timeOffset());
    int sent = 0;
    for (OutputConverter.Group group : converted.groups()) {
      long cost = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      if (emit(events.metrics(group, start, cost))) {
        sent++;
      }
    }
    if (converted.formatErrors() > 0) {
      formatErrors.addAndGet(converted.formatErrors());
      problem(settings.command() + " printed " + converted.formatErrors()
          + " line(s) that are not Prometheus text, e.g. " + converted.firstErrors());
      gatherUp(ErrorCode.INVALID_PROM_FORMAT, 1);
    } else {
      lastProblem = "";
      gatherUp(ErrorCode.OK, sent + 1);
    }
  }

  private void gatherUp(ErrorCode code, long value) {
    Event event = GatherUp.event(context.task(), ScriptEvents.TYPE, context.gatherUpDataId(), code,
        value, Map.of(), context.clock().instant());
    if (event != null) {
      emit(event);
    }
  }

  private boolean emit(Event event) {
    boolean accepted = context.sink().emit(event);
    if (!accepted) {
      dropped.incrementAndGet();
    }
    return accepted;
  }

  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      log.warn("{}: {}", task.label(), message);
      lastProblem = message;
    } else {
      log.debug("{}: {}", task.label(), message);
    }
  }

  private static boolean isBlank(byte[] output) {
    for (byte b : output) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b) {
        return false;
      }
    }
    return true;
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("runs", runs.get());
    counters.put("runs_failed", failed.get());
    counters.put("runs_timed_out", timedOut.get());
    counters.put("runs_no_output", noOutput.get());
    counters.put("format_errors", formatErrors.get());
    counters.put("events_dropped", dropped.get());
    counters.put("runs_without_permit", noPermit.get());
    if (runner instanceof LocalRunner local) {
      counters.put("processes_killed", local.killedCount());
      counters.put("output_truncated", local.truncatedCount());
    } else if (runner instanceof SshRunner ssh) {
      counters.put("ssh_host_key_rejected", ssh.hostKeyRejectedCount());
      counters.put("output_truncated", ssh.truncatedCount());
    }
    return counters;
  }

  /** For tests and benchmarks: the last failure's message, empty after a clean run. */
  String lastProblem() {
    return lastProblem;
  }

  @Override
  public void close() {
    closed = true;
    runner.close();
  }
}
