package io.bkmonitorbeat.tail;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Follows one open file: reads from the last position in bounded chunks, splits lines on
 * {@code \n}, keeps an unfinished last line until its end arrives, cuts lines longer than the
 * limit (the rest up to the next {@code \n} is skipped), and advances the state's offset past each
 * delivered line. Any byte sequence is a valid line: binary garbage can only produce odd lines, or
 * cut ones, never an error. Not thread-safe; confined to the tailer's thread.
 */
final class Harvester implements Closeable {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** {@link #read} result: the file shrank or its first bytes changed. */
  static final long REPLACED = -1;

  final FileState state;
  private final FileChannel channel;
  /** The tailer's one read buffer, shared by its harvesters (they read one at a time). */
  private final ByteBuffer buffer;
  private final int maxLineBytes;
  private final int fingerprintBytes;
  private static final int PENDING_BYTES = 8192;
  private byte[] pending = new byte[PENDING_BYTES];
  private int pendingLength;
  private boolean cutting;
  private long readPosition;
  private long lastSize = -1;
  long lastGrowthNanos;
  /** Whether the last scan no longer found the file (deleted, or renamed out of the globs). */
  boolean gone;

  Harvester(FileState state, FileChannel channel, ByteBuffer sharedBuffer, int maxLineBytes,
      int fingerprintBytes, long nowNanos) {
    this.state = state;
    this.channel = channel;
    this.buffer = sharedBuffer;
    this.maxLineBytes = maxLineBytes;
    this.fingerprintBytes = fingerprintBytes;
    this.readPosition = state.offset;
    this.lastGrowthNanos = nowNanos;
  }

  /** Returns whether everything in the file has been read. */
  boolean atEnd() throws IOException {
    return readPosition >= channel.size();
  }

  /**
   * Reads at most about {@code budget} bytes and delivers every complete line.
   *
   * @return the number of bytes read, or {@link #REPLACED} if the file was truncated or its
   *     content replaced (the caller decides where to go on)
   */
  long read(long budget, LineListener listener, TailCounters counters, long nowNanos) throws IOException {
    long size = channel.size();
    if (size < readPosition) {
      return REPLACED;
    }
    if (size != lastSize) {
      // Growth (or the first look): make sure the content is still the file we know. A
      // copytruncate followed by fast writes can leave the size above our position.
      byte[] prefix = Fingerprint.readPrefix(channel, fingerprintBytes);
      if (!state.fingerprint.matches(prefix)) {
        return REPLACED;
      }
      if (prefix.length > state.fingerprint.length()) {
        state.fingerprint = Fingerprint.of(prefix, prefix.length);
      }
      lastSize = size;
    }
    long total = 0;
    byte[] array = buffer.array();
    while (total < budget) {
      buffer.clear();
      int n = channel.read(buffer, readPosition);
      if (n <= 0) {
        break;
      }
      long chunkStart = readPosition;
      readPosition += n;
      total += n;
      int start = 0;
      for (int nl; (nl = indexOfNewline(array, start, n)) >= 0; ) {
        deliver(array, start, nl - start, listener, counters);
        start = nl + 1;
        state.offset = chunkStart + start;
      }
      if (start < n) {
        append(array, start, n - start, counters);
      }
    }
    if (total > 0) {
      lastGrowthNanos = nowNanos;
      counters.bytesRead.add(total);
    }
    return total;
  }

  /**
   * Returns the index of the first {@code \n} in {@code a[from, to)}, or -1. Eight bytes at a
   * time (SWAR): {@code (x - 0x01..) & ~x & 0x80..} is non-zero exactly when a byte of {@code x}
   * is zero, and its lowest set bit marks the first such byte (little-endian load).
   */
  static int indexOfNewline(byte[] a, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(a, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void deliver(byte[] array, int start, int length, LineListener listener, TailCounters counters) {
    byte[] source = array;
    int off = start;
    int len = length;
    boolean cut = cutting;
    if (pendingLength > 0 || cutting) {
      append(array, start, length, counters);
      source = pending;
      off = 0;
      len = pendingLength;
      cut = cutting;
    } else if (len > maxLineBytes) {
      len = maxLineBytes;
      cut = true;
      counters.linesCut.increment();
    }
    if (!cut && len > 0 && source[off + len - 1] == '\r') {
      len--;
    }
    counters.lines.increment();
    listener.onLine(state.path, source, off, len, cut);
    pendingLength = 0;
    cutting = false;
    if (pending.length > 8 * PENDING_BYTES) {
      pending = new byte[PENDING_BYTES]; // a long line's buffer is not kept for the file's lifetime
    }
  }

  /** Keeps bytes of an unfinished line, up to the limit; past it the line is marked as cut. */
  private void append(byte[] array, int start, int length, TailCounters counters) {
    if (cutting) {
      return;
    }
    int room = maxLineBytes - pendingLength;
    int take = Math.min(room, length);
    if (pendingLength + take > pending.length) {
      pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(pending.length * 2, pendingLength + take)));
    }
    System.arraycopy(array, start, pending, pendingLength, take);
    pendingLength += take;
    if (take < length) {
      cutting = true;
      counters.linesCut.increment();
    }
  }

  /** Starts again at offset 0 of the same open file, forgetting any unfinished line. */
  void restart() throws IOException {
    readPosition = 0;
    pendingLength = 0;
    cutting = false;
    lastSize = -1;
    state.offset = 0;
    byte[] prefix = Fingerprint.readPrefix(channel, fingerprintBytes);
    state.fingerprint = Fingerprint.of(prefix, prefix.length);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
