package io.bkmonitorbeat.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link Tailer} follows and how. Immutable.
 *
 * @param globs absolute file globs ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}} within one
 *     path segment, {@code **} across segments); directories may contain globs too
 * @param excludes regexes on the full path; a file any of them finds is not followed
 * @param registryFile where offsets are persisted (in the task's state directory)
 * @param firstRunStart where a file starts that is found when there is no registry file yet
 * @param maxLineBytes longer lines are cut to this many bytes (and counted)
 * @param fingerprintBytes how many leading bytes identify a file's content
 * @param pollInterval how long the tailer sleeps after a round that read nothing
 * @param scanInterval how often the globs are expanded again
 * @param closeInactive a file that has not grown for this long is closed (its offset is kept)
 * @param maxBytesPerRound at most this many bytes are read from one file per round, so one busy
 *     file cannot starve the others or the consumer's periodic work
 */
public record TailSettings(
    List<String> globs,
    List<Pattern> excludes,
    Path registryFile,
    StartPosition firstRunStart,
    int maxLineBytes,
    int fingerprintBytes,
    Duration pollInterval,
    Duration scanInterval,
    Duration closeInactive,
    int maxBytesPerRound) {

  /** The default cut of over-long lines: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  /** The default fingerprint length: 1 KiB, as Filebeat's. */
  public static final int DEFAULT_FINGERPRINT_BYTES = 1024;

  /** Where a file starts that has no stored offset. */
  public enum StartPosition {
    /** At offset 0. */
    BEGINNING,
    /** At the end of the file: only lines written from now on. */
    END
  }

  /** Validates and copies the components. */
  public TailSettings {
    globs = List.copyOf(globs);
    excludes = List.copyOf(excludes);
    Objects.requireNonNull(registryFile, "registryFile");
    Objects.requireNonNull(firstRunStart, "firstRunStart");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(scanInterval, "scanInterval");
    Objects.requireNonNull(closeInactive, "closeInactive");
    if (maxLineBytes < 1 || fingerprintBytes < 1 || maxBytesPerRound < 1) {
      throw new IllegalArgumentException("maxLineBytes, fingerprintBytes and maxBytesPerRound must be > 0");
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || scanInterval.isNegative() || scanInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval and scanInterval must be > 0");
    }
  }

  /**
   * Returns settings with the defaults: 1 MiB lines, 1 KiB fingerprints, a 100 ms poll, a 5 s
   * scan, files closed after 1 h without growth, 4 MiB per file and round.
   */
  public static TailSettings of(List<String> globs, List<Pattern> excludes, Path registryFile,
      StartPosition firstRunStart) {
    return new TailSettings(globs, excludes, registryFile, firstRunStart, DEFAULT_MAX_LINE_BYTES,
        DEFAULT_FINGERPRINT_BYTES, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofHours(1),
        4 << 20);
  }

  /** Returns a copy with another line limit. */
  public TailSettings withMaxLineBytes(int bytes) {
    return new TailSettings(globs, excludes, registryFile, firstRunStart, bytes, fingerprintBytes,
        pollInterval, scanInterval, closeInactive, maxBytesPerRound);
  }

  /** Returns a copy with another fingerprint length. */
  public TailSettings withFingerprintBytes(int bytes) {
    return new TailSettings(globs, excludes, registryFile, firstRunStart, maxLineBytes, bytes,
        pollInterval, scanInterval, closeInactive, maxBytesPerRound);
  }

  /** Returns a copy with other poll and scan intervals. */
  public TailSettings withIntervals(Duration poll, Duration scan) {
    return new TailSettings(globs, excludes, registryFile, firstRunStart, maxLineBytes,
        fingerprintBytes, poll, scan, closeInactive, maxBytesPerRound);
  }

  /** Returns a copy with another inactivity timeout. */
  public TailSettings withCloseInactive(Duration inactive) {
    return new TailSettings(globs, excludes, registryFile, firstRunStart, maxLineBytes,
        fingerprintBytes, pollInterval, scanInterval, inactive, maxBytesPerRound);
  }
}
