package io.bkmonitorbeat.plugin.procsync;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PolledCollector;
import java.time.Instant;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of {@code procsync_task} sections. Stateless. */
@Extension
public final class ProcsyncCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(ProcsyncCollectorProvider.class);

  @Override
  public String type() {
    return "procsync";
  }

  @Override
  public Collector create(CollectorContext context) {
    if (context.task().taskId() == 0) {
      // The original creates no task without a task_id; the closest the API allows is an idle one.
      log.info("{}: task_id is 0, procsync does nothing", context.task().label());
      return new Idle();
    }
    return new ProcsyncCollector(context, ProcsyncSettings.parse(context.task()));
  }

  /** A disabled task. */
  static final class Idle implements PolledCollector {
    @Override
    public void collect(Instant deadline) {}

    @Override
    public void close() {}
  }
}
