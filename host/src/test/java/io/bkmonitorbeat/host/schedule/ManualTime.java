package io.bkmonitorbeat.host.schedule;

import java.util.concurrent.atomic.AtomicLong;

/** A time source tests move by hand; wall and monotonic clocks move together unless stepped. */
final class ManualTime implements TimeSource {
  private final AtomicLong wall;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  ManualTime(long wallMicros) {
    wall = new AtomicLong(wallMicros);
  }

  void set(long wallMicros) {
    long delta = wallMicros - wall.getAndSet(wallMicros);
    nanos.addAndGet(Math.max(0, delta) * 1_000);
  }

  void advance(long micros) {
    set(wall.get() + micros);
  }

  @Override
  public long wallMicros() {
    return wall.get();
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }
}
