/**
 * Periodic scheduling of collector runs (spec 8.2, 8.4, 8.6, 8.8): the daemon {@link
 * io.bkmonitorbeat.host.schedule.Scheduler}, the check-mode {@link
 * io.bkmonitorbeat.host.schedule.OneShotRunner} and the per-type {@link
 * io.bkmonitorbeat.host.schedule.ConcurrencyLimits}.
 *
 * <p>Parameters and return values are non-null unless stated otherwise. Times are epoch
 * microseconds (wall clock) or monotonic nanoseconds, as named.
 */
package io.bkmonitorbeat.host.schedule;
