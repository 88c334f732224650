package io.bkmonitorbeat.host.publish;

import java.io.File;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

/**
 * A unix stream socket to the agent via jnr-unixsocket. Thread-safe as {@link Transport} says:
 * jnr's close shuts both directions down before closing the descriptor, which is what wakes a
 * thread blocked in read or write on Linux (a bare close(2) would not).
 *
 * <p>The write timeout is the kernel's {@code SO_SNDTIMEO}: a blocked write(2) returns EAGAIN
 * after it, which jnr reports as 0 bytes written. No watchdog thread is needed.
 */
final class UnixSocketTransport implements Transport {
  private final UnixSocketChannel channel;
  private final Duration writeTimeout;

  private UnixSocketTransport(UnixSocketChannel channel, Duration writeTimeout) {
    this.channel = channel;
    this.writeTimeout = writeTimeout;
  }

  /** Connects to the socket at {@code path}; a unix connect either succeeds or fails at once. */
  static UnixSocketTransport connect(String path, Duration writeTimeout) throws IOException {
    UnixSocketChannel channel = UnixSocketChannel.open(new UnixSocketAddress(new File(path)));
    try {
      if (!writeTimeout.isZero()) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, writeTimeout.toMillis()));
        channel.setOption(UnixSocketOptions.SO_SNDTIMEO, millis);
      }
      return new UnixSocketTransport(channel, writeTimeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      int n = channel.write(src);
      if (n == 0 && !writeTimeout.isZero()) {
        // Only happens when SO_SNDTIMEO expired without a single byte accepted.
        throw new SocketTimeoutException("no progress writing to the agent for " + writeTimeout);
      }
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException | RuntimeException e) {
      // Already broken; nothing more to release.
    }
  }
}
