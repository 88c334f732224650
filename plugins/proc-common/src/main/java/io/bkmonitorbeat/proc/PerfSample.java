package io.bkmonitorbeat.proc;

/**
 * One sample of a process's resources (spec 1.6, per-pid performance). A value of -1 means the
 * source could not be read; its block is then left out of the event. Immutable.
 *
 * @param pid the process id
 * @param startTicks the process's start time in ticks (tells a reused pid apart)
 * @param memSize virtual size in bytes ({@code statm} field 1)
 * @param memRss resident size in bytes
 * @param memShare shared resident size in bytes
 * @param cpuUserMillis user CPU time in ms
 * @param cpuSystemMillis system CPU time in ms
 * @param ioReadBytes {@code read_bytes} of {@code io}
 * @param ioWriteBytes {@code write_bytes} of {@code io}
 * @param fdOpen open file descriptors
 * @param fdSoft soft limit of open files (0 = unlimited)
 * @param fdHard hard limit of open files (0 = unlimited)
 * @param nanos when the sample was taken, monotonic nanoseconds
 */
public record PerfSample(
    int pid,
    long startTicks,
    long memSize,
    long memRss,
    long memShare,
    long cpuUserMillis,
    long cpuSystemMillis,
    long ioReadBytes,
    long ioWriteBytes,
    long fdOpen,
    long fdSoft,
    long fdHard,
    long nanos) {

  /** Returns user plus system CPU time in ms. */
  public long cpuTotalMillis() {
    return cpuUserMillis + cpuSystemMillis;
  }

  /** Whether the memory block is known. */
  public boolean hasMemory() {
    return memRss >= 0;
  }

  /** Whether the io block is known. */
  public boolean hasIo() {
    return ioReadBytes >= 0;
  }

  /** Whether the fd block is known. */
  public boolean hasFd() {
    return fdOpen >= 0;
  }
}
