package io.bkmonitorbeat.host.schedule;

import java.time.Instant;

/**
 * The scheduler's view of time: the wall clock (slots are aligned to it) and a monotonic clock
 * (durations are measured on it). Injected so tests can drive time; implementations must be
 * thread-safe.
 */
public interface TimeSource {

  /** Returns the wall-clock time in microseconds since the epoch. */
  long wallMicros();

  /** Returns a monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Returns the system clocks. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }

  /** Converts epoch microseconds to an instant. */
  static Instant toInstant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
  }

  /** The JVM's clocks ({@link Instant#now()} has microsecond resolution on Linux). */
  enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long wallMicros() {
      Instant now = Instant.now();
      return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }
  }
}
