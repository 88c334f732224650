package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The result of one uptime-check probe (http, tcp, udp) and its event (spec 9.4).
 *
 * <p>Create it when the probe starts; it begins with status -1 and error code 1 (Unknown). Add
 * the protocol's fields with {@link #put}, end it with {@link #fail}, {@link #success} or {@link
 * #successOrTimeout}, then {@link #toEvent()} (or {@link CustomReport}). Durations come from a
 * monotonic nano source, the timestamp from the wall clock. Not thread-safe: one per probe.
 */
public final class UptimeCheckEvent {
  /** Gather status: not finished. */
  public static final int STATUS_UNKNOWN = -1;
  /** Gather status: success. */
  public static final int STATUS_OK = 0;
  /** Gather status: failure. */
  public static final int STATUS_ERROR = 1;

  private final TaskSpec task;
  private final LongSupplier nanoTime;
  private final Instant start;
  private final long startNanos;
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private long endNanos;
  private boolean ended;
  private int status = STATUS_UNKNOWN;
  private ErrorCode code = ErrorCode.UNKNOWN;

  private UptimeCheckEvent(TaskSpec task, Clock clock, LongSupplier nanoTime) {
    this.task = task;
    this.nanoTime = nanoTime;
    this.start = clock.instant();
    this.startNanos = nanoTime.getAsLong();
  }

  /** Starts a probe of the context's task now. */
  public static UptimeCheckEvent begin(CollectorContext context) {
    return begin(context.task(), context.clock(), context::nanoTime);
  }

  /**
   * Starts a probe now.
   *
   * @param task the task probed
   * @param clock the wall clock, for {@code timestamp}
   * @param nanoTime a monotonic nano source, for {@code task_duration}
   */
  public static UptimeCheckEvent begin(TaskSpec task, Clock clock, LongSupplier nanoTime) {
    return new UptimeCheckEvent(
        Objects.requireNonNull(task, "task"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(nanoTime, "nanoTime"));
  }

  /** Sets a protocol field such as {@code target_host} (a JSON value of JDK types). */
  public UptimeCheckEvent put(String key, Object value) {
    extra.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
    return this;
  }

  /** Takes the end time now, unless it was already taken. */
  public UptimeCheckEvent markEnd() {
    if (!ended) {
      endNanos = nanoTime.getAsLong();
      ended = true;
    }
    return this;
  }

  /**
   * Takes the start as the end time (a duration of 0), unless an end time was already taken: for
   * probes whose waiting says nothing about the target (udp without an awaited reply).
   */
  public UptimeCheckEvent markEndAtStart() {
    if (!ended) {
      endNanos = startNanos;
      ended = true;
    }
    return this;
  }

  /** Ends the probe as failed with {@code errorCode} (status 1, available 0). */
  public UptimeCheckEvent fail(ErrorCode errorCode) {
    markEnd();
    status = STATUS_ERROR;
    code = Objects.requireNonNull(errorCode, "errorCode");
    return this;
  }

  /** Ends the probe as successful (status 0, code 0, available 1). */
  public UptimeCheckEvent success() {
    markEnd();
    status = STATUS_OK;
    code = ErrorCode.OK;
    return this;
  }

  /**
   * Ends the probe as successful, or as failed with {@link ErrorCode#TIMEOUT} when {@code
   * availableDuration} is positive and the probe took longer. Keeps an end time already taken.
   */
  public UptimeCheckEvent successOrTimeout(Duration availableDuration) {
    markEnd();
    if (availableDuration.compareTo(Duration.ZERO) > 0 && elapsed().compareTo(availableDuration) > 0) {
      return fail(ErrorCode.TIMEOUT);
    }
    return success();
  }

  /** Returns the task probed. */
  public TaskSpec task() {
    return task;
  }

  /** Returns when the probe started (wall clock). */
  public Instant start() {
    return start;
  }

  /** Returns the status: -1 unknown, 0 ok, 1 error. */
  public int status() {
    return status;
  }

  /** Returns the error code. */
  public ErrorCode code() {
    return code;
  }

  /** Returns 1.0 when the probe succeeded, else 0.0. */
  public double available() {
    return status == STATUS_OK ? 1.0 : 0.0;
  }

  /** Returns the time between start and end (up to now while not ended). */
  public Duration elapsed() {
    return Duration.ofNanos((ended ? endNanos : nanoTime.getAsLong()) - startNanos);
  }

  /** Returns {@code task_duration}: whole milliseconds between start and end. */
  public long durationMillis() {
    return elapsed().toMillis();
  }

  /** Returns the protocol fields added with {@link #put}, in order (unmodifiable). */
  public Map<String, Object> extraFields() {
    return Collections.unmodifiableMap(extra);
  }

  /** Builds the uptime-check event; its type is the task type. */
  public Event toEvent() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataid", task.dataId());
    fields.put("bk_biz_id", task.bizId());
    fields.put("task_id", task.taskId());
    fields.put("timestamp", start.getEpochSecond());
    fields.put("task_type", task.type());
    fields.put("status", status);
    fields.put("error_code", code.code());
    fields.put("available", available());
    fields.put("task_duration", durationMillis());
    fields.put("group_info", List.copyOf(task.labels()));
    fields.putAll(extra);
    return Event.of(task.type(), fields);
  }

  @Override
  public String toString() {
    return "UptimeCheckEvent[" + task.label() + ", status " + status + ", " + code + ", " + extra + "]";
  }
}
