package io.bkmonitorbeat.plugin.statics;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.StatFs;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.pf4j.Extension;

/**
 * Creates the collectors of static tasks, from a {@code static_task} section of the main file or
 * from a child file of {@code type: static} (the original registered its child factory under
 * {@code script}, so such files were rejected: runtime gap G-13). Stateless.
 */
@Extension
public final class StaticCollectorProvider implements CollectorProvider {
  @Override
  public String type() {
    return "static";
  }

  @Override
  public Collector create(CollectorContext context) {
    StaticSettings settings = StaticSettings.parse(context.task());
    AtomicLong malformed = new AtomicLong();
    StaticData data = new StaticData(ProcFs.system(), settings, StatFs::stat,
        (source, line) -> malformed.incrementAndGet());
    ReportSchedule schedule =
        new ReportSchedule(settings, bound -> ThreadLocalRandom.current().nextLong(bound));
    return new StaticCollector(context, data, schedule, malformed);
  }
}
