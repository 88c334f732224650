package io.bkmonitorbeat.proc;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Host constants the per-process figures need, read once (as the original cached them): boot
 * time ({@code btime} of {@code /proc/stat}), {@code MemTotal}, the number of logical CPUs, the
 * clock tick rate and the page size. Immutable.
 *
 * @param bootTimeSeconds boot time, seconds since the epoch
 * @param memTotalBytes total memory in bytes (0 when unknown)
 * @param cpuCount logical CPUs (at least 1)
 * @param clockTicks clock ticks per second ({@code USER_HZ}, 100 on every Linux ABI)
 * @param pageSize memory page size in bytes
 */
public record SystemInfo(
    long bootTimeSeconds, long memTotalBytes, int cpuCount, int clockTicks, int pageSize) {

  /** Reads the constants from {@code proc}. */
  public static SystemInfo read(ProcFs proc) {
    String stat = proc.readString(proc.root() + "/stat");
    long btime = 0;
    int cpus = 0;
    if (stat != null) {
      for (String line : stat.split("\n")) {
        if (line.startsWith("btime ")) {
          btime = parseLong(line.substring(6).trim());
        } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
          cpus++;
        }
      }
    }
    long memTotal = 0;
    String meminfo = proc.readString(proc.root() + "/meminfo");
    if (meminfo != null) {
      for (String line : meminfo.split("\n")) {
        if (line.startsWith("MemTotal:")) {
          String value = line.substring(9).trim();
          int space = value.indexOf(' ');
          memTotal = parseLong(space < 0 ? value : value.substring(0, space)) * 1024;
        }
      }
    }
    return new SystemInfo(btime, memTotal,
        cpus > 0 ? cpus : Runtime.getRuntime().availableProcessors(), 100, systemPageSize());
  }

  /** Returns the creation time in ms since the epoch of a process started {@code startTicks}. */
  public long createdMillis(long startTicks) {
    return bootTimeSeconds * 1000 + startTicks * 1000 / clockTicks;
  }

  /** Converts clock ticks to milliseconds. */
  public long ticksToMillis(long ticks) {
    return ticks * 1000 / clockTicks;
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // The JDK knows the page size (jdk.unsupported is readable from the class path); 4096 if not.
  private static int systemPageSize() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Method pageSize = unsafeClass.getMethod("pageSize");
      return (Integer) pageSize.invoke(field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 4096;
    }
  }
}
