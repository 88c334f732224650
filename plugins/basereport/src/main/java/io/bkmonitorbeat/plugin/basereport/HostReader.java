package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.DiskStat;
import io.bkmonitorbeat.hostcommon.DiskstatsParser;
import io.bkmonitorbeat.hostcommon.KeyValueParser;
import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.NetDevCounters;
import io.bkmonitorbeat.hostcommon.NetDevParser;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.ProcStat;
import io.bkmonitorbeat.hostcommon.ProcStatParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and parses the /proc files of basereport's rate modules, counting the lines parsers drop
 * (exposed as the {@code malformed_lines} counter) and logging the first few of them. Thread-safe.
 */
final class HostReader implements Malformed {
  private static final Logger log = LoggerFactory.getLogger(HostReader.class);
  private static final int LOGGED = 10;

  private final ProcFs fs;
  private final AtomicLong malformed = new AtomicLong();

  HostReader(ProcFs fs) {
    this.fs = fs;
  }

  ProcFs fs() {
    return fs;
  }

  long malformedLines() {
    return malformed.get();
  }

  @Override
  public void line(String source, String line) {
    if (malformed.incrementAndGet() <= LOGGED) {
      log.warn("{}: dropped a line basereport cannot parse: '{}'", source, line);
    }
  }

  ProcStat procStat() throws IOException {
    return ProcStatParser.parse(fs.requireLines(ProcStatParser.FILE), this);
  }

  List<NetDevCounters> netDev() throws IOException {
    return NetDevParser.parse(fs.requireLines(NetDevParser.FILE), this);
  }

  List<DiskStat> diskstats() throws IOException {
    return DiskstatsParser.parse(fs.requireLines(DiskstatsParser.FILE), this);
  }

  Map<String, Long> meminfo() throws IOException {
    return KeyValueParser.parse(fs.requireLines("/proc/meminfo"), "/proc/meminfo", this);
  }

  /** The /proc/vmstat counters basereport reports. */
  static final Set<String> VMSTAT_KEYS =
      Set.of("pswpin", "pswpout", "pgpgin", "pgpgout", "pgfault", "pgmajfault");

  Map<String, Long> vmstat() {
    return KeyValueParser.parse(fs.lines("/proc/vmstat"), "/proc/vmstat", this, VMSTAT_KEYS);
  }
}
