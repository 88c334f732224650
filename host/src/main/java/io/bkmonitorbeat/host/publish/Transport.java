package io.bkmonitorbeat.host.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One connected byte stream to the GSE agent. Thread-safety: one thread may write while another
 * reads; {@link #close()} may be called from any thread and unblocks both.
 */
interface Transport extends GseFrames.ByteSource, AutoCloseable {

  /**
   * Writes every remaining byte of {@code src}, blocking as needed.
   *
   * @throws java.net.SocketTimeoutException if no byte could be written for the write timeout
   *     given at connect time; {@code src}'s position tells how much was written
   */
  void writeFully(ByteBuffer src) throws IOException;

  /** Reads into {@code dst}; returns the count, or -1 at end of stream. */
  @Override
  int read(ByteBuffer dst) throws IOException;

  /** Closes the connection; idempotent, never throws. */
  @Override
  void close();

  /**
   * Connects to {@code endpoint}: {@code host:port} (the Windows agent, {@code 127.0.0.1:47000})
   * selects TCP, anything else is a unix socket path.
   *
   * @param timeout bound of a TCP connect
   * @param writeTimeout a write making no progress for this long fails; zero = wait forever
   * @param jdkUnix use the JDK's AF_UNIX channel instead of jnr-unixsocket for a path
   */
  static Transport connect(String endpoint, Duration timeout, Duration writeTimeout,
      boolean jdkUnix) throws IOException {
    int colon = endpoint.lastIndexOf(':');
    if (colon > 0 && !endpoint.contains("/") && !endpoint.contains("\\")
        && endpoint.substring(colon + 1).matches("\\d{1,5}")) {
      return ChannelTransport.connect(
          endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)), timeout,
          writeTimeout);
    }
    return jdkUnix
        ? ChannelTransport.connectUnix(endpoint, writeTimeout)
        : UnixSocketTransport.connect(endpoint, writeTimeout);
  }
}
