package io.bkmonitorbeat.host.config;

/**
 * The configured concurrency limit of one task type (spec 8.6, {@code
 * bkmonitorbeat.concurrency_limit.task.<type>}). Each field is defaulted on its own (gap G-11:
 * the original wrote the per-task default into {@code per_instance} and left {@code per_task} 0,
 * which blocked every run).
 *
 * @param perInstance permits shared by every task of the type in this process (default 100000)
 * @param perTask permits of one task (default 1000)
 */
public record ConcurrencyLimit(long perInstance, long perTask) {
  /** The default of {@code per_instance} when absent or not positive. */
  public static final long DEFAULT_PER_INSTANCE = 100_000;
  /** The default of {@code per_task} when absent or not positive. */
  public static final long DEFAULT_PER_TASK = 1_000;

  /** Applies the defaults to values that are absent (0) or not positive. */
  public static ConcurrencyLimit of(long perInstance, long perTask) {
    return new ConcurrencyLimit(
        perInstance > 0 ? perInstance : DEFAULT_PER_INSTANCE,
        perTask > 0 ? perTask : DEFAULT_PER_TASK);
  }
}
