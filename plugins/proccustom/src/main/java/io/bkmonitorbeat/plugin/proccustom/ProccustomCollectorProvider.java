package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.proc.ProcFs;
import io.bkmonitorbeat.proc.ProcessDetails;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.ProcessScanner;
import io.bkmonitorbeat.proc.SocketDetector;
import io.bkmonitorbeat.proc.SystemInfo;
import io.bkmonitorbeat.proc.UserNames;
import java.time.Instant;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of proccustom child configs ({@code monitor_process*.conf}). Stateless. */
@Extension
public final class ProccustomCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(ProccustomCollectorProvider.class);

  @Override
  public String type() {
    return ProccustomCollector.TYPE;
  }

  @Override
  public Collector create(CollectorContext context) {
    ProccustomSettings settings = ProccustomSettings.parse(context.task(), context.agentSettings());
    if (settings.dataId() == 0) {
      // The original creates no task without a data id.
      log.info("{}: dataid is 0, nothing to collect", context.task().label());
      return new Idle();
    }
    if (settings.labels().isEmpty()) {
      log.warn("{}: no label carries bk_target_ip and bk_target_cloud_id; events will have no"
          + " records", context.task().label());
    }
    ProcFs proc = ProcFs.system();
    SystemInfo system = SystemInfo.read(proc);
    ProcessScanner scanner = new ProcessScanner(proc);
    return new ProccustomCollector(context, settings, new ProcessSelector(settings, scanner),
        ProcessSampler.system(proc, system), new ProcessDetails(proc, UserNames.system()),
        SocketDetector.system(proc, settings.disableNetlink(), context.task().label()), system);
  }

  /** A task that collects nothing. */
  static final class Idle implements PolledCollector {
    @Override
    public void collect(Instant deadline) {}

    @Override
    public void close() {}
  }
}
