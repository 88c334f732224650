package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.StreamingCollector;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of {@code exceptionbeat_task} sections. Stateless. */
@Extension
public final class ExceptionbeatCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(ExceptionbeatCollectorProvider.class);

  @Override
  public String type() {
    return "exceptionbeat";
  }

  @Override
  public Collector create(CollectorContext context) {
    ExceptionbeatSettings settings = ExceptionbeatSettings.parse(context.task());
    if (settings.dataId() <= 0) {
      // The original creates no task without a data id; an idle collector is the closest the
      // plugin API allows, and it says so once.
      log.info("{}: dataid is 0, exceptionbeat is disabled", context.task().label());
      return new Idle();
    }
    if (settings.checks().isEmpty()) {
      log.info("{}: check_bit enables no detector", context.task().label());
      return new Idle();
    }
    return new ExceptionbeatCollector(context, settings,
        ExceptionbeatCollector.SystemPaths.DEFAULT, DiskUsage::ofFileStore);
  }

  /** A disabled task. */
  static final class Idle implements StreamingCollector {
    @Override
    public void start() {}

    @Override
    public void close() {}
  }
}
