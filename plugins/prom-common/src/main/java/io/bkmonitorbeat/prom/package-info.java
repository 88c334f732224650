/**
 * Prometheus text exposition format (0.0.4, and the sample lines of OpenMetrics 1.0) parsed from
 * bytes: {@link io.bkmonitorbeat.prom.PromTextParser} feeds {@link io.bkmonitorbeat.prom.Sample}s
 * to a {@link io.bkmonitorbeat.prom.SampleConsumer}; malformed lines are reported and skipped.
 */
package io.bkmonitorbeat.prom;
