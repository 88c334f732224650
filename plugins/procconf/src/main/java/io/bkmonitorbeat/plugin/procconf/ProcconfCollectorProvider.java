package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PolledCollector;
import java.time.Instant;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of {@code procconf_task} sections. Stateless. */
@Extension
public final class ProcconfCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(ProcconfCollectorProvider.class);

  @Override
  public String type() {
    return "procconf";
  }

  @Override
  public Collector create(CollectorContext context) {
    ProcconfSettings settings = ProcconfSettings.parse(context.task());
    if (!settings.enabled()) {
      // The original creates no task then; a task that does nothing is the closest the plugin
      // API allows, and it says so once.
      log.info("{}: perfdataid, portdataid and topdataid are all 0, nothing to generate",
          context.task().label());
      return new Idle();
    }
    if (!settings.hostFilePath().isBlank()) {
      log.info("{}: the host-id file is read by the host (bkmonitorbeat.host_id_path);"
          + " hostfilepath '{}' is not read separately", context.task().label(),
          settings.hostFilePath());
    }
    return new ProcconfCollector(context, settings);
  }

  /** A disabled task. */
  static final class Idle implements PolledCollector {
    @Override
    public void collect(Instant deadline) {}

    @Override
    public void close() {}
  }
}
