package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.host.config.HostIdInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Builders and bounded waits shared by the publisher tests. */
final class GseTestSupport {
  private GseTestSupport() {}

  /** A GSE output on {@code socket} with fast reconnects and 200 ms agent-info refreshes. */
  static GseOutput output(Path socket, Path dataDir, Map<String, Object> extra,
      Supplier<HostIdInfo> hostId) {
    Map<String, Object> section = new LinkedHashMap<>(extra);
    section.put("endpoint", socket.toString());
    GseConfig config = GseConfig.from(Settings.of("test.yml", "output.bkpipe", section))
        .withTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200));
    return new GseOutput(config, hostId, dataDir);
  }

  static GseOutput output(Path socket, Path dataDir, Map<String, Object> extra) {
    return output(socket, dataDir, extra, () -> HostIdInfo.EMPTY);
  }

  /** A mutable event map with {@code dataid} and a sequence number. */
  static OutboundEvent event(int dataId, int seq) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("dataid", dataId);
    fields.put("seq", seq);
    return new OutboundEvent(dataId, fields);
  }

  /** A ~500-byte event once encoded with the attach fields. */
  static OutboundEvent bigEvent(int dataId, int seq) {
    OutboundEvent e = event(dataId, seq);
    e.fields().put("message", "x".repeat(330));
    e.fields().put("type", "script");
    return e;
  }

  /** Polls {@code condition} every 10 ms for at most {@code timeout}. */
  static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
