package io.bkmonitorbeat.tail;

import java.nio.file.Path;

/**
 * Receives what a {@link Tailer} reads. Called on the tailer's thread only, one call at a time.
 */
public interface LineListener {

  /**
   * One line, without its {@code \n} (and without a {@code \r} before it). The bytes are only
   * valid during the call: decode or copy them.
   *
   * @param file the file's current path (symlinks resolved)
   * @param buf the buffer holding the line
   * @param off where the line starts in {@code buf}
   * @param len the line's length in bytes
   * @param cut whether the line was longer than the limit and this is only its beginning
   */
  void onLine(Path file, byte[] buf, int off, int len, boolean cut);

  /**
   * Called after every round of reads (at least every poll interval), so the consumer can do
   * periodic work on the tailer's thread, such as flushing and then {@link Tailer#commit()}.
   *
   * @param nanoTime the monotonic time of the call
   */
  default void afterRound(long nanoTime) {}
}
