package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.hostcommon.ProcFs;
import java.time.Instant;
import java.time.ZoneId;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of {@code basereport_task} sections. Stateless. */
@Extension
public final class BasereportCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(BasereportCollectorProvider.class);

  @Override
  public String type() {
    return "basereport";
  }

  @Override
  public Collector create(CollectorContext context) {
    BasereportSettings settings = BasereportSettings.parse(context.task());
    if (context.task().dataId() == 0) {
      // The original creates no task without a data id.
      log.info("{}: dataid is 0, basereport sends nothing", context.task().label());
      return new Idle();
    }
    return new BasereportCollector(context, settings, ProcFs.system(), ZoneId.systemDefault());
  }

  /** A task without a data id. */
  static final class Idle implements PolledCollector {
    @Override
    public void collect(Instant deadline) {}

    @Override
    public void close() {}
  }
}
