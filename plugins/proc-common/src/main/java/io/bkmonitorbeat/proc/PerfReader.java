package io.bkmonitorbeat.proc;

import java.util.function.LongSupplier;

/**
 * Samples a process's memory ({@code statm}), IO ({@code io}), open descriptors ({@code fd/}) and
 * descriptor limits ({@code limits}); the CPU times come from the scan's {@code stat} line, so
 * {@code stat} is read once per run. Not thread-safe (shares the {@link ProcFs} buffer).
 */
public final class PerfReader {
  private final ProcFs proc;
  private final SystemInfo system;
  private final LongSupplier nanoTime;

  /** A reader over {@code proc}. */
  public PerfReader(ProcFs proc, SystemInfo system, LongSupplier nanoTime) {
    this.proc = proc;
    this.system = system;
    this.nanoTime = nanoTime;
  }

  /** Samples {@code process}. */
  public PerfSample sample(ProcessInfo process) {
    int pid = process.pid();
    long[] statm = statm(pid);
    long[] io = io(pid);
    String[] fds = proc.list(proc.pidFile(pid, "fd"));
    long[] limits = fds == null ? new long[] {-1, -1} : limits(pid);
    return new PerfSample(pid, process.startTicks(), statm[0], statm[1], statm[2],
        system.ticksToMillis(process.userTicks()), system.ticksToMillis(process.systemTicks()),
        io[0], io[1], fds == null ? -1 : fds.length, limits[0], limits[1], nanoTime.getAsLong());
  }

  private long[] statm(int pid) {
    String text = proc.readString(proc.pidFile(pid, "statm"));
    long[] result = {-1, -1, -1};
    if (text == null) {
      return result;
    }
    String[] fields = text.trim().split(" ");
    if (fields.length < 3) {
      return result;
    }
    try {
      for (int i = 0; i < 3; i++) {
        result[i] = Long.parseLong(fields[i]) * system.pageSize();
      }
    } catch (NumberFormatException e) {
      return new long[] {-1, -1, -1};
    }
    return result;
  }

  private long[] io(int pid) {
    String text = proc.readString(proc.pidFile(pid, "io"));
    long[] result = {-1, -1};
    if (text == null) {
      return result;
    }
    result[0] = field(text, "read_bytes:");
    result[1] = field(text, "write_bytes:");
    if (result[0] < 0 || result[1] < 0) {
      return new long[] {-1, -1};
    }
    return result;
  }

  // "\nread_bytes:" must not match "cancelled_write_bytes:"; the keys start a line.
  private static long field(String text, String key) {
    int at = text.startsWith(key) ? 0 : text.indexOf("\n" + key);
    if (at < 0) {
      return -1;
    }
    int start = text.indexOf(':', at) + 1;
    int end = text.indexOf('\n', start);
    try {
      return Long.parseLong(text.substring(start, end < 0 ? text.length() : end).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private long[] limits(int pid) {
    String text = proc.readString(proc.pidFile(pid, "limits"));
    return text == null ? new long[] {-1, -1} : parseOpenFilesLimit(text);
  }

  /** The soft and hard values of the "Max open files" line; {@code unlimited} counts as 0. */
  static long[] parseOpenFilesLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        if (fields.length >= 2) {
          return new long[] {limit(fields[0]), limit(fields[1])};
        }
      }
    }
    return new long[] {-1, -1};
  }

  private static long limit(String value) {
    if ("unlimited".equals(value)) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
