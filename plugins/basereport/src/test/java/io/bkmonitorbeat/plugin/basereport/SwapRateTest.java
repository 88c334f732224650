package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** mem.swap_in / swap_out are KB per second over the real interval; a reset gives 0. */
class SwapRateTest {

  @Test
  void kilobytesPerSecondOverTheRealInterval() {
    SwapRate r = new SwapRate();
    assertThat(r.rates(Map.of("pswpin", 100L, "pswpout", 10L), 0)).containsExactly(0.0, 0.0);
    // 256 pages in, 64 pages out in 2 s: 256 * 4 KiB / 2 s = 512 KB/s, 128 KB/s
    assertThat(r.rates(Map.of("pswpin", 356L, "pswpout", 74L), 2_000_000_000L))
        .containsExactly(512.0, 128.0);
    assertThat(r.rates(Map.of("pswpin", 5L, "pswpout", 74L), 3_000_000_000L))
        .as("counter reset: 0, not an unsigned wrap").containsExactly(0.0, 0.0);
  }
}
