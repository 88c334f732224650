package io.bkmonitorbeat.hostcommon;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/stat} (any kernel since 2.6). Stateless. */
public final class ProcStatParser {
  /** The file this parser reads. */
  public static final String FILE = "/proc/stat";

  private ProcStatParser() {}

  /** Parses the lines; a malformed cpu line is reported and skipped. */
  public static ProcStat parse(List<String> lines, Malformed malformed) {
    CpuTimes total = null;
    List<CpuTimes> cpus = new ArrayList<>();
    long ctxt = 0;
    long btime = 0;
    long processes = 0;
    long running = 0;
    long blocked = 0;
    for (String line : lines) {
      if (line.startsWith("cpu")) {
        CpuTimes t = cpuLine(line);
        if (t == null) {
          malformed.line(FILE, line);
        } else if (t.name().equals("cpu")) {
          total = t;
        } else {
          cpus.add(t);
        }
      } else if (line.startsWith("ctxt ")) {
        ctxt = value(line);
      } else if (line.startsWith("btime ")) {
        btime = value(line);
      } else if (line.startsWith("processes ")) {
        processes = value(line);
      } else if (line.startsWith("procs_running ")) {
        running = value(line);
      } else if (line.startsWith("procs_blocked ")) {
        blocked = value(line);
      }
    }
    return new ProcStat(total, cpus, ctxt, btime, processes, running, blocked);
  }

  private static long value(String line) {
    return Numbers.counterOr(line.substring(line.indexOf(' ') + 1), 0);
  }

  private static CpuTimes cpuLine(String line) {
    String[] f = Numbers.fields(line);
    if (f.length < 5) {
      return null;
    }
    long[] v = new long[10];
    try {
      for (int i = 1; i < f.length && i <= 10; i++) {
        v[i - 1] = Numbers.parseCounter(f[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return new CpuTimes(f[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }
}
