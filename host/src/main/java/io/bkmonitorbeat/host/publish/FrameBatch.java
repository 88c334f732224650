package io.bkmonitorbeat.host.publish;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Several dynamic frames laid out back to back in one growable array, so that a batch of events
 * goes out in one write and payloads are encoded in place (no per-event copy). Remembers frame
 * boundaries so that after a failed write only the frames not completely written are re-sent.
 * Not thread-safe; confined to the writer thread.
 */
final class FrameBatch extends OutputStream {
  private byte[] buf = new byte[64 * 1024];
  private int size;
  private int frameStart = -1;
  private int[] frameEnds = new int[256];
  private int frames;

  /** Reserves the header of a new frame; the payload is then written to this stream. */
  void beginFrame() {
    frameStart = size;
    ensure(GseFrames.DYNAMIC_OVERHEAD);
    size += GseFrames.DYNAMIC_OVERHEAD;
  }

  /** Completes the current frame by writing its header in front of the payload. */
  void endFrame(int dataId, long utcSeconds) {
    int payload = size - frameStart - GseFrames.DYNAMIC_OVERHEAD;
    ByteBuffer header = ByteBuffer.wrap(buf, frameStart, GseFrames.DYNAMIC_OVERHEAD);
    GseFrames.putDynamicHeader(header, dataId, utcSeconds, payload);
    if (frames == frameEnds.length) {
      frameEnds = Arrays.copyOf(frameEnds, frames * 2);
    }
    frameEnds[frames++] = size;
    frameStart = -1;
  }

  /** Forgets a frame whose encoding failed. */
  void abortFrame() {
    size = frameStart;
    frameStart = -1;
  }

  int frames() {
    return frames;
  }

  int bytes() {
    return size;
  }

  boolean isEmpty() {
    return frames == 0;
  }

  /** Returns the complete frames as a buffer to write. */
  ByteBuffer toBuffer() {
    return ByteBuffer.wrap(buf, 0, size);
  }

  /**
   * Drops the frames that lie completely within the first {@code written} bytes and keeps the
   * rest (from the start of the first incomplete frame) for re-sending.
   *
   * @return the number of frames dropped, i.e. completely sent
   */
  int discardWritten(int written) {
    int done = 0;
    while (done < frames && frameEnds[done] <= written) {
      done++;
    }
    if (done == 0) {
      return 0;
    }
    int keepFrom = frameEnds[done - 1];
    System.arraycopy(buf, keepFrom, buf, 0, size - keepFrom);
    size -= keepFrom;
    for (int i = done; i < frames; i++) {
      frameEnds[i - done] = frameEnds[i] - keepFrom;
    }
    frames -= done;
    return done;
  }

  void clear() {
    size = 0;
    frames = 0;
    frameStart = -1;
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
