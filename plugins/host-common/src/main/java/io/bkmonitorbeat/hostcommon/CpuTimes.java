package io.bkmonitorbeat.hostcommon;

/**
 * One {@code cpu}/{@code cpuN} line of {@code /proc/stat}, in clock ticks (USER_HZ). Columns a
 * kernel does not have (guest before 2.6.24, guest_nice before 2.6.33) are 0.
 *
 * @param name {@code cpu} for the aggregate line, {@code cpuN} otherwise
 */
public record CpuTimes(
    String name, long user, long nice, long system, long idle, long iowait, long irq,
    long softirq, long steal, long guest, long guestNice) {

  /** The ticks a usage percentage is computed over: guest time is already in user/nice. */
  public long total() {
    return user + nice + system + idle + iowait + irq + softirq + steal;
  }

  /** The busy ticks: everything but idle and iowait. */
  public long busy() {
    return total() - idle - iowait;
  }
}
