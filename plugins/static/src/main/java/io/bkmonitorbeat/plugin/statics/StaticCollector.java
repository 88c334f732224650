package io.bkmonitorbeat.plugin.statics;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one static task (spec 3.2): reports at once, then after a random delay, then
 * at the report period or when the data changed at a check. Change detection compares the data
 * without its timestamp and {@code oper}. The data id is the host-id file's {@code dataid} when it
 * has one (spec 1.3; read at every report, so a new file applies without a reload), else the
 * task's; while both are 0 nothing is collected.
 *
 * <p>Not thread-safe: the host never overlaps runs of one collector.
 */
final class StaticCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(StaticCollector.class);

  private final CollectorContext context;
  private final StaticData source;
  private final ReportSchedule schedule;
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong sectionErrors = new AtomicLong();
  private final AtomicLong malformed;
  private Map<String, Object> lastReported;
  private boolean idleLogged;

  StaticCollector(CollectorContext context, StaticData source, ReportSchedule schedule,
      AtomicLong malformed) {
    this.context = context;
    this.source = source;
    this.schedule = schedule;
    this.malformed = malformed;
  }

  @Override
  public void collect(Instant deadline) {
    int dataId = dataId();
    if (dataId == 0) {
      if (!idleLogged) {
        log.info("{}: dataid is 0 in the task and the host-id file, static sends nothing",
            context.task().label());
        idleLogged = true;
      }
      return;
    }
    idleLogged = false;
    Instant now = context.clock().instant();
    if (schedule.shouldReport(now)) {
      report(collect(), dataId, now);
      return;
    }
    if (schedule.shouldCheck(now)) {
      checks.incrementAndGet();
      Map<String, Object> data = collect();
      if (!data.equals(lastReported)) {
        report(data, dataId, now);
      }
      schedule.checked(now);
    }
  }

  private int dataId() {
    int fromFile = context.hostCmdb().dataId();
    return fromFile != 0 ? fromFile : context.task().dataId();
  }

  private Map<String, Object> collect() {
    List<String> failed = new ArrayList<>();
    Map<String, Object> data = source.collect(failed);
    if (!failed.isEmpty()) {
      sectionErrors.addAndGet(failed.size());
      log.warn("{}: static sections left out: {}", context.task().label(), failed);
    }
    return data;
  }

  private void report(Map<String, Object> data, int dataId, Instant now) {
    String oper = schedule.reported(now);
    Map<String, Object> body = new LinkedHashMap<>(data);
    body.put("timestamp", now.getEpochSecond());
    body.put("apiVer", "v1.0");
    body.put("oper", oper);
    context.sink().emit(Event.builder("static", dataId)
        .put("data", body).ignoreCmdbLevel().build());
    lastReported = data;
    reports.incrementAndGet();
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("reports", reports.get(), "checks", checks.get(),
        "section_errors", sectionErrors.get(), "malformed_lines", malformed.get());
  }

  @Override
  public void close() {}
}
