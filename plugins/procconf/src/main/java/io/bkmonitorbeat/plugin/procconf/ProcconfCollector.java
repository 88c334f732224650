package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.configwriter.ConfigFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each run (spec 6.2): takes the host's current CMDB snapshot, renders the processbeat child
 * config and, only if its bytes differ from the file in {@code dst_dir}, replaces the file
 * atomically and asks the host to reload. No events. Runs never overlap (host guarantee), so the
 * fields need no locking.
 */
final class ProcconfCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(ProcconfCollector.class);

  private final CollectorContext context;
  private final ProcconfSettings settings;
  private boolean warnedNotLoaded;

  ProcconfCollector(CollectorContext context, ProcconfSettings settings) {
    this.context = context;
    this.settings = settings;
  }

  @Override
  public void collect(Instant deadline) throws IOException {
    HostCmdb cmdb = context.hostCmdb();
    if (!cmdb.loaded()) {
      // The original skips the round when the file cannot be read: an unreadable file must not
      // wipe the processbeat config of a host whose CMDB data is just temporarily missing.
      if (!warnedNotLoaded) {
        log.warn("{}: no host-id file has been read (missing, never well-formed, or"
            + " ignore_cmdb_level); {} is left as it is", context.task().label(), settings.file());
        warnedNotLoaded = true;
      }
      return;
    }
    warnedNotLoaded = false;
    List<ProcessDefinition> processes = ProcessDefinition.from(cmdb);
    byte[] content = ProcessbeatConfig.render(settings, processes);
    if (!ConfigFiles.writeIfChanged(settings.file(), content)) {
      return;
    }
    log.info("{}: wrote {} with {} processes", context.task().label(), settings.file(),
        processes.size());
    if (!context.requestReload("wrote " + settings.file())) {
      log.warn("{}: the host does not reload on request; {} takes effect at its next reload",
          context.task().label(), settings.file());
    }
  }

  @Override
  public void close() {}
}
