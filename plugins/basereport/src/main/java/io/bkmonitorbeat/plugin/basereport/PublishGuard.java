package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.CollectorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The original's "once per minute" guard (spec 2.2 step 2): with a period of exactly one minute,
 * a report is dropped when the previous one (kept in the task's state directory, so it survives a
 * restart) was published in the same wall-clock minute. Not thread-safe; collecting thread only.
 */
final class PublishGuard {
  static final String FILE = "last_publish_time";
  private final CollectorContext context;
  private final boolean active;

  PublishGuard(CollectorContext context, Duration period) {
    this.context = context;
    this.active = period.equals(Duration.ofMinutes(1));
  }

  /** Whether a report finished at {@code nowSeconds} may be published. */
  boolean mayPublish(long nowSeconds) {
    if (!active) {
      return true;
    }
    try {
      Path f = file();
      if (!Files.exists(f)) {
        return true;
      }
      long last = Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).strip());
      return Math.floorDiv(last, 60) != Math.floorDiv(nowSeconds, 60);
    } catch (IOException | RuntimeException e) {
      return true; // no state directory (tests) or a damaged file: publish
    }
  }

  /** Records that a report collected from {@code startSeconds} on was published. */
  void published(long startSeconds) {
    if (!active) {
      return;
    }
    try {
      Path f = file();
      Path tmp = f.resolveSibling(FILE + ".tmp");
      Files.writeString(tmp, Long.toString(startSeconds), StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Without a state directory the guard is simply off.
    }
  }

  private Path file() throws IOException {
    return context.stateDirectory().resolve(FILE);
  }
}
