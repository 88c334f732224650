package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.proc.DefaultIps;
import io.bkmonitorbeat.proc.ProcFs;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.ProcessScanner;
import io.bkmonitorbeat.proc.SocketDetector;
import io.bkmonitorbeat.proc.SystemInfo;
import java.time.Instant;
import java.time.ZoneId;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the collectors of processbeat child configs. Stateless. */
@Extension
public final class ProcessbeatCollectorProvider implements CollectorProvider {
  private static final Logger log = LoggerFactory.getLogger(ProcessbeatCollectorProvider.class);

  @Override
  public String type() {
    return ProcessbeatCollector.TYPE;
  }

  @Override
  public Collector create(CollectorContext context) {
    ProcessbeatSettings settings = ProcessbeatSettings.parse(context.task(), context.agentSettings());
    if (!settings.enabled()) {
      // The original creates no task then (disabled, no processes, or no data id).
      log.info("{}: disabled, no processes, or perfdataid/portdataid/topdataid all 0: nothing"
          + " to collect", context.task().label());
      return new Idle();
    }
    ProcFs proc = ProcFs.system();
    SystemInfo system = SystemInfo.read(proc);
    return new ProcessbeatCollector(context, settings, new ProcessScanner(proc),
        ProcessSampler.system(proc, system),
        SocketDetector.system(proc, settings.disableNetlink(), context.task().label()),
        system, DefaultIps.host(), ZoneId.systemDefault());
  }

  /** A task that collects nothing. */
  static final class Idle implements PolledCollector {
    @Override
    public void collect(Instant deadline) {}

    @Override
    public void close() {}
  }
}
