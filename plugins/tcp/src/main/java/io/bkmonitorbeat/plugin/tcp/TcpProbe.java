package io.bkmonitorbeat.plugin.tcp;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One TCP probe of one address (spec 10.2 steps 2 to 5). Stateless apart from its settings;
 * thread-safe.
 *
 * <p>The socket is a {@link SocketChannel}'s adaptor, so an interrupt of the probing thread closes
 * it at once; connect and read carry timeouts that end by the probe's own deadline.
 */
final class TcpProbe {
  private final Matcher matcher;
  private final int bufferSize;
  private final Duration availableDuration;
  private final LongSupplier nanoTime;

  TcpProbe(Matcher matcher, int bufferSize, Duration availableDuration, LongSupplier nanoTime) {
    this.matcher = matcher;
    this.bufferSize = bufferSize;
    this.availableDuration = availableDuration;
    this.nanoTime = nanoTime;
  }

  /**
   * Probes {@code address} and ends {@code result}.
   *
   * @param deadlineNanos when the probe must be over, on the {@link #nanoTime} scale: the probe's
   *     start plus the task timeout, or the run's deadline if earlier
   * @throws InterruptedException if the thread was interrupted (the result is then left open)
   */
  void probe(UptimeCheckEvent result, InetSocketAddress address, long deadlineNanos)
      throws InterruptedException {
    try (SocketChannel channel = SocketChannel.open()) {
      Socket socket = channel.socket();
      int connectMillis = millisUntil(deadlineNanos);
      if (connectMillis <= 0) {
        result.fail(ErrorCode.CONN_TIMEOUT);
        return;
      }
      try {
        socket.connect(address, connectMillis);
      } catch (SocketTimeoutException e) {
        result.fail(ErrorCode.CONN_TIMEOUT);
        return;
      } catch (IOException e) {
        checkInterrupt(e);
        result.fail(ErrorCode.CONN_FAILED);
        return;
      }
      if (!matcher.checksResponse()) {
        // End before the close, so the FIN exchange is not measured.
        result.successOrTimeout(availableDuration);
        return;
      }
      exchange(result, socket, deadlineNanos);
    } catch (IOException e) {
      checkInterrupt(e);
      result.fail(ErrorCode.CONN_FAILED); // opening the channel failed
    }
  }

  private void exchange(UptimeCheckEvent result, Socket socket, long deadlineNanos)
      throws InterruptedException {
    byte[] request = matcher.request();
    if (request.length > 0) {
      if (millisUntil(deadlineNanos) <= 0) {
        result.fail(ErrorCode.REQUEST_TIMEOUT);
        return;
      }
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        checkInterrupt(e);
        result.fail(ErrorCode.REQUEST_FAILED);
        return;
      }
    }
    byte[] buffer = new byte[bufferSize];
    int read;
    try {
      int readMillis = millisUntil(deadlineNanos);
      if (readMillis <= 0) {
        result.fail(ErrorCode.REQUEST_TIMEOUT);
        return;
      }
      socket.setSoTimeout(readMillis);
      InputStream in = socket.getInputStream();
      read = Math.max(0, in.read(buffer, 0, bufferSize)); // EOF: accepted with nothing read
    } catch (SocketTimeoutException e) {
      result.fail(ErrorCode.REQUEST_TIMEOUT);
      return;
    } catch (IOException e) {
      checkInterrupt(e);
      result.fail(ErrorCode.RESPONSE_FAILED);
      return;
    }
    if (!matcher.matches(Arrays.copyOf(buffer, read))) {
      result.fail(ErrorCode.RESPONSE_NOT_MATCH);
      return;
    }
    result.successOrTimeout(availableDuration);
  }

  private int millisUntil(long deadlineNanos) {
    long nanos = deadlineNanos - nanoTime.getAsLong();
    if (nanos <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  private static void checkInterrupt(IOException e) throws InterruptedException {
    if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
      InterruptedException interrupted = new InterruptedException("tcp probe interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
  }
}
