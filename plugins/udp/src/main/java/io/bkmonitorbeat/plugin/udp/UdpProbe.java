package io.bkmonitorbeat.plugin.udp;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The UDP probe of one address (spec 10.3 with gap G-7 fixed). Stateless apart from its settings;
 * thread-safe.
 *
 * <p>Each attempt uses its own <em>connected</em> {@link DatagramChannel}, closed as soon as the
 * attempt is over, so the kernel reports an ICMP port unreachable as a {@link
 * PortUnreachableException} (2501) and a late reply to an earlier attempt is never taken for the
 * reply of a later one. The attempts share the probe's deadline: each one may wait for a reply
 * for an equal share of the time left, so all of them fit in the task's {@code timeout}.
 *
 * <p>A reply is awaited when a {@code response} is configured or {@code wait_empty_response} is
 * set; then a missing reply is 1101 and the next attempt follows. Otherwise the probe only
 * listens for an ICMP port unreachable during its share of the time: silence is success, and the
 * duration is reported as 0 because the wait says nothing about the target.
 */
final class UdpProbe {
  private final Matcher matcher;
  private final int bufferSize;
  private final int times;
  private final boolean awaitReply;
  private final Duration availableDuration;
  private final LongSupplier nanoTime;

  UdpProbe(UdpSettings settings, Duration availableDuration, LongSupplier nanoTime) {
    this.matcher = settings.matcher();
    this.bufferSize = settings.net().bufferSize();
    this.times = settings.times();
    this.awaitReply = settings.matcher().checksResponse() || settings.waitEmptyResponse();
    this.availableDuration = availableDuration;
    this.nanoTime = nanoTime;
  }

  /** Returns the most attempts per address ({@code max_times} of the event). */
  int times() {
    return times;
  }

  /**
   * Probes {@code address}, with up to {@link #times} attempts.
   *
   * @param begin starts the event of one attempt (with the target fields); the last attempt's
   *     event is the result, so {@code timestamp} and {@code task_duration} describe that attempt
   * @param deadlineNanos when every attempt must be over, on the {@code nanoTime} scale
   * @return the ended event, with {@code times} (attempts used, from 1) and {@code max_times}
   * @throws InterruptedException if the thread was interrupted
   */
  UptimeCheckEvent probe(
      Supplier<UptimeCheckEvent> begin, InetSocketAddress address, long deadlineNanos)
      throws InterruptedException {
    UptimeCheckEvent result = null;
    ErrorCode failure = null;
    byte[] reply = new byte[0];
    int used = 0;
    while (used < times) {
      long left = deadlineNanos - nanoTime.getAsLong();
      if (left <= 0 && result != null) {
        break; // the time is up; keep the previous attempt's outcome
      }
      used++;
      result = begin.get();
      if (left <= 0) {
        failure = ErrorCode.REQUEST_TIMEOUT;
        break;
      }
      long attemptDeadline = nanoTime.getAsLong() + left / (times - used + 1);
      Attempt attempt = attempt(address, attemptDeadline);
      if (awaitReply) {
        result.markEnd();
      } else {
        result.markEndAtStart();
      }
      failure = attempt.failure();
      reply = attempt.reply();
      if (failure == null || !attempt.retry()) {
        break;
      }
    }
    result.put("times", used).put("max_times", times);
    if (failure != null) {
      return result.fail(failure);
    }
    if (!matcher.matches(reply)) {
      return result.fail(ErrorCode.RESPONSE_NOT_MATCH);
    }
    return result.successOrTimeout(availableDuration);
  }

  /** The outcome of one attempt: a failure code (null on success) and whether to retry. */
  private record Attempt(ErrorCode failure, boolean retry, byte[] reply) {
    static Attempt ok(byte[] reply) {
      return new Attempt(null, false, reply);
    }

    static Attempt stop(ErrorCode code) {
      return new Attempt(code, false, new byte[0]);
    }

    static Attempt retry(ErrorCode code) {
      return new Attempt(code, true, new byte[0]);
    }
  }

  private Attempt attempt(InetSocketAddress address, long attemptDeadline)
      throws InterruptedException {
    try (DatagramChannel channel = DatagramChannel.open()) {
      try {
        channel.connect(address);
      } catch (IOException e) {
        checkInterrupt(e);
        return Attempt.stop(ErrorCode.CONN_FAILED);
      }
      try {
        channel.write(ByteBuffer.wrap(matcher.request()));
      } catch (PortUnreachableException e) {
        return Attempt.stop(ErrorCode.CONN_REFUSED); // an ICMP error already queued
      } catch (IOException e) {
        checkInterrupt(e);
        return Attempt.stop(ErrorCode.REQUEST_FAILED);
      }
      return read(channel.socket(), attemptDeadline);
    } catch (IOException e) {
      checkInterrupt(e);
      return Attempt.stop(ErrorCode.CONN_FAILED); // opening the channel failed
    }
  }

  private Attempt read(DatagramSocket socket, long attemptDeadline) throws InterruptedException {
    byte[] buffer = new byte[bufferSize];
    DatagramPacket packet = new DatagramPacket(buffer, bufferSize);
    try {
      socket.setSoTimeout(millisUntil(attemptDeadline));
      socket.receive(packet);
      return Attempt.ok(Arrays.copyOf(buffer, packet.getLength()));
    } catch (PortUnreachableException e) {
      return Attempt.stop(ErrorCode.CONN_REFUSED);
    } catch (SocketTimeoutException e) {
      return awaitReply ? Attempt.retry(ErrorCode.REQUEST_TIMEOUT) : Attempt.ok(new byte[0]);
    } catch (IOException e) {
      checkInterrupt(e);
      return awaitReply ? Attempt.retry(ErrorCode.RESPONSE_FAILED) : Attempt.ok(new byte[0]);
    }
  }

  private int millisUntil(long deadlineNanos) {
    long nanos = deadlineNanos - nanoTime.getAsLong();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  private static void checkInterrupt(IOException e) throws InterruptedException {
    if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
      InterruptedException interrupted = new InterruptedException("udp probe interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
  }
}
