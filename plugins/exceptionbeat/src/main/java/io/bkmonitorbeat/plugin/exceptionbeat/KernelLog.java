package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;

/**
 * A source of kernel log records, read from the end: only records written after {@link #open}
 * are returned. Implementations: {@link Kmsg} ({@code /dev/kmsg}). Confined to one reader thread,
 * which opens, reads and closes it.
 */
interface KernelLog extends AutoCloseable {

  /** Opens the log, positioned after its last record. */
  void open() throws IOException;

  /**
   * Returns the next record, waiting at most {@code timeoutMillis}; null when none arrived.
   *
   * @throws IOException when the log cannot be read any more
   */
  String next(int timeoutMillis) throws IOException;

  /** Records the kernel overwrote before they were read (the reader fell behind). */
  long lost();

  @Override
  void close();
}
