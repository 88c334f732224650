package io.bkmonitorbeat.host.publish;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connection through a JDK {@link SocketChannel}: TCP to the agent's Windows endpoint ({@code
 * 127.0.0.1:47000}), or the JDK's own AF_UNIX channel ({@code transport: jdk}), which loads no
 * native binding and saves about 8 MB of resident memory against jnr (BENCHMARKS.md, Footprint).
 * Thread-safe as {@link Transport} says.
 *
 * <p>The JDK has no send timeout for blocking sockets, so the channel is non-blocking and each
 * direction waits on its own selector: the writer with the write timeout, the reader without.
 */
final class ChannelTransport implements Transport {
  private final SocketChannel channel;
  private final Selector readSelector;
  private final Selector writeSelector;
  private final long writeTimeoutMillis;

  private ChannelTransport(SocketChannel channel, Duration writeTimeout) throws IOException {
    this.channel = channel;
    this.writeTimeoutMillis = writeTimeout.toMillis();
    this.readSelector = Selector.open();
    this.writeSelector = Selector.open();
    channel.configureBlocking(false);
    channel.register(readSelector, SelectionKey.OP_READ);
    channel.register(writeSelector, SelectionKey.OP_WRITE);
  }

  /** Connects with a bounded connect time (a TCP connect can hang, unlike a unix one). */
  static ChannelTransport connect(String host, int port, Duration timeout, Duration writeTimeout)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.socket().connect(
          new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      return new ChannelTransport(channel, writeTimeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Connects to the unix socket at {@code path} with the JDK's AF_UNIX channel. */
  static ChannelTransport connectUnix(String path, Duration writeTimeout) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(path));
      return new ChannelTransport(channel, writeTimeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (channel.write(src) > 0) {
        continue;
      }
      int ready = await(writeSelector, writeTimeoutMillis); // 0 = no timeout
      if (!channel.isOpen()) {
        throw new IOException("connection closed");
      }
      if (ready == 0 && writeTimeoutMillis > 0) {
        throw new SocketTimeoutException("no progress writing to the agent for "
            + writeTimeoutMillis + " ms");
      }
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    while (true) {
      int n = channel.read(dst);
      if (n != 0 || !dst.hasRemaining()) {
        return n;
      }
      await(readSelector, 0);
      if (!channel.isOpen()) {
        throw new IOException("connection closed");
      }
    }
  }

  private static int await(Selector selector, long timeoutMillis) throws IOException {
    try {
      int ready = selector.select(timeoutMillis);
      selector.selectedKeys().clear();
      return ready;
    } catch (ClosedSelectorException e) {
      throw new IOException("connection closed", e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Already broken.
    }
    // A thread blocked in select() does not notice the closed channel by itself.
    readSelector.wakeup();
    writeSelector.wakeup();
    try {
      readSelector.close();
      writeSelector.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
