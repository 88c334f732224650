package io.bkmonitorbeat.host.schedule;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic per-task phase (jitter) and slot arithmetic. A task of period {@code p} and phase
 * {@code f} runs at the wall-clock slots {@code k*p + f} (epoch microseconds), so every host
 * spreads its tasks the same way and a restart keeps the schedule.
 *
 * <p>This replaces the original {@code (task_id + second) mod 30} seconds (gap G-16), which could
 * exceed short periods and went negative for negative task ids: here the phase is a 64-bit hash
 * of the ident and task id reduced modulo the period, so it is always in {@code [0, period)} and
 * uniformly spread. Stateless; thread-safe.
 */
public final class Phase {

  private Phase() {}

  /** Returns the phase of a task in microseconds, in {@code [0, periodMicros)}. */
  public static long phaseMicros(String ident, int taskId, long periodMicros) {
    if (periodMicros <= 0) {
      throw new IllegalArgumentException("period must be positive, was " + periodMicros + "us");
    }
    // FNV-1a over the UTF-8 bytes (stable across JVMs, unlike identity hashes), then a
    // MurmurHash3 finaliser: FNV alone spreads similar idents ("tcp-1", "tcp-2") poorly.
    long h = 0xcbf29ce484222325L;
    for (byte b : ident.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= taskId;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return Math.floorMod(h, periodMicros);
  }

  /** Returns the first slot at or after {@code timeMicros}. */
  public static long slotAtOrAfter(long timeMicros, long periodMicros, long phaseMicros) {
    return Math.floorDiv(timeMicros - phaseMicros + periodMicros - 1, periodMicros) * periodMicros
        + phaseMicros;
  }

  /** Returns the last slot at or before {@code timeMicros}. */
  public static long slotAtOrBefore(long timeMicros, long periodMicros, long phaseMicros) {
    return Math.floorDiv(timeMicros - phaseMicros, periodMicros) * periodMicros + phaseMicros;
  }
}
