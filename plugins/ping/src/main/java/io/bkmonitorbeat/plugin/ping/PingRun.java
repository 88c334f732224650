package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.probe.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One run of echo requests to a set of addresses over one socket per family (spec 10.4 step 5),
 * on the calling thread: an event loop that sends the next due request (at most one per {@code
 * send_interval} for the whole run), drains the sockets, and expires requests unanswered after
 * {@code max_rtt}. The requests to one address are sequential: the next one leaves when the
 * previous one was answered or timed out. The loop ends when every address is done, at the end
 * time, or when the collector closes; requests without a reply by then count as lost.
 *
 * <p>A reply belongs to an address when it comes from that address, carries the run's
 * identifier (not checked on datagram sockets, whose identifier the kernel rewrites and filters
 * itself) and the sequence number of the request in flight. Not thread-safe: one run, one thread.
 */
final class PingRun {
  private static final int ENOBUFS = 105;
  /** The longest single wait, so interrupts and {@link #stop} are noticed promptly. */
  private static final long MAX_WAIT_NANOS = 10_000_000L;

  private final int identifier;
  private final int totalNum;
  private final int pingSize;
  private final long maxRttNanos;
  private final long sendIntervalNanos;
  private final LongSupplier nanoTime;
  private final LongSupplier unixNanos;
  private final BooleanSupplier stop;

  /**
   * @param settings {@code total_num}, {@code ping_size}, {@code max_rtt}, {@code send_interval}
   * @param identifier the echo identifier of this run (16 bits)
   * @param nanoTime the monotonic clock
   * @param unixNanos the wall clock in Unix nanoseconds, for the payload time stamp
   * @param stop tells the loop to end early (the collector is closing)
   */
  PingRun(PingSettings settings, int identifier, LongSupplier nanoTime, LongSupplier unixNanos,
      BooleanSupplier stop) {
    this.identifier = identifier & 0xffff;
    this.totalNum = settings.totalNum();
    this.pingSize = settings.pingSize();
    this.maxRttNanos = settings.maxRtt().toNanos();
    this.sendIntervalNanos = settings.sendInterval().toNanos();
    this.nanoTime = nanoTime;
    this.unixNanos = unixNanos;
    this.stop = stop;
  }

  /**
   * The outcome for one address.
   *
   * @param rttNanos the round trips of the answered requests, in order
   * @param lost requests without a reply (timed out, failed to send, or still open at the end)
   * @param code {@link ErrorCode#OK} when any reply came, else {@link ErrorCode#REQUEST_FAILED}
   *     when sending failed, else {@link ErrorCode#REQUEST_TIMEOUT}
   * @param sendError the last send failure ({@code strerror}), or empty
   */
  record Result(List<Long> rttNanos, int lost, ErrorCode code, String sendError) {
    Result {
      rttNanos = List.copyOf(rttNanos);
    }
  }

  /**
   * Pings every address.
   *
   * @param addresses the distinct addresses to ping
   * @param v4 the IPv4 socket, or {@code null} when no address is IPv4
   * @param v6 the IPv6 socket, or {@code null} when no address is IPv6
   * @param endNanos when to give up, on the {@code nanoTime} scale
   * @return the result per address, keyed by {@link IpText#format}
   * @throws InterruptedException if the thread was interrupted
   */
  Map<String, Result> run(Collection<InetAddress> addresses, IcmpSocket v4,
      IcmpSocket v6, long endNanos) throws InterruptedException {
    Map<String, Probe> probes = new LinkedHashMap<>();
    ArrayDeque<Probe> ready = new ArrayDeque<>();
    for (InetAddress address : addresses) {
      IcmpSocket socket = address instanceof Inet6Address ? v6 : v4;
      if (socket == null) {
        throw new IllegalArgumentException("no socket for " + address);
      }
      Probe probe = new Probe(address, socket);
      if (probes.putIfAbsent(IpText.format(address), probe) == null) {
        ready.add(probe);
      }
    }
    List<IcmpSocket> sockets = new ArrayList<>(2);
    if (v4 != null) {
      sockets.add(v4);
    }
    if (v6 != null) {
      sockets.add(v6);
    }
    Loop loop = new Loop(probes, ready, sockets);
    loop.run(endNanos);
    Map<String, Result> results = new LinkedHashMap<>();
    probes.forEach((key, probe) -> results.put(key, probe.result()));
    return results;
  }

  /** The state of one address. */
  private final class Probe {
    final InetAddress address;
    final IcmpSocket socket;
    final List<Long> rtts = new ArrayList<>();
    int index; // the request in flight or due next
    long sentAt = -1; // when request 'index' left; -1 if not yet
    boolean finished;
    String sendError = "";

    Probe(InetAddress address, IcmpSocket socket) {
      this.address = address;
      this.socket = socket;
    }

    Result result() {
      int lost = totalNum - rtts.size();
      ErrorCode code = !rtts.isEmpty() ? ErrorCode.OK
          : !sendError.isEmpty() ? ErrorCode.REQUEST_FAILED : ErrorCode.REQUEST_TIMEOUT;
      return new Result(rtts, lost, code, sendError);
    }
  }

  /** A request in flight, in send order (so also in order of expiry). */
  private record InFlight(Probe probe, int index, long sentAt) {}

  private final class Loop {
    private final Map<String, Probe> probes;
    private final ArrayDeque<Probe> ready;
    private final List<IcmpSocket> sockets;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final byte[] buffer = new byte[pingSize + 128];
    private final Map<IcmpSocket, Boolean> withHeader = new HashMap<>();
    private int unfinished;
    private long nextSendAt;

    Loop(Map<String, Probe> probes, ArrayDeque<Probe> ready, List<IcmpSocket> sockets) {
      this.probes = probes;
      this.ready = ready;
      this.sockets = sockets;
      this.unfinished = probes.size();
      sockets.forEach(socket -> withHeader.put(socket, socket.withIpHeader()));
    }

    void run(long endNanos) throws InterruptedException {
      nextSendAt = nanoTime.getAsLong();
      while (unfinished > 0) {
        if (Thread.interrupted()) {
          throw new InterruptedException("ping run interrupted");
        }
        if (stop.getAsBoolean()) {
          return;
        }
        long now = nanoTime.getAsLong();
        if (now - endNanos >= 0) {
          return;
        }
        drain();
        now = nanoTime.getAsLong();
        expire(now);
        if (!ready.isEmpty() && now - nextSendAt >= 0) {
          send(ready.poll(), now);
          nextSendAt = nanoTime.getAsLong() + sendIntervalNanos; // gap from the end of this send
          continue;
        }
        long wait = Math.min(MAX_WAIT_NANOS, endNanos - now);
        if (!ready.isEmpty()) {
          wait = Math.min(wait, nextSendAt - now);
        }
        InFlight head = inFlight.peek();
        if (head != null) {
          wait = Math.min(wait, head.sentAt() + maxRttNanos - now);
        }
        if (wait >= 1_000_000L) {
          NativeIcmp.awaitReadable(sockets, (int) (wait / 1_000_000L));
        } else if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }

    private void send(Probe probe, long now) {
      byte[] packet = IcmpPacket.echoRequest(probe.socket.v6(), identifier, probe.index & 0xffff,
          pingSize, unixNanos.getAsLong());
      int errno = probe.socket.send(packet, probe.address);
      if (errno == ENOBUFS) {
        errno = probe.socket.send(packet, probe.address); // one immediate retry, as bkmonitorbeat
      }
      if (errno != 0) {
        probe.sendError = NativeIcmp.strerror(errno);
        advance(probe);
        return;
      }
      probe.sentAt = now;
      inFlight.add(new InFlight(probe, probe.index, now));
    }

    private void drain() {
      for (IcmpSocket socket : sockets) {
        int length;
        while ((length = socket.receive(buffer)) >= 0) {
          long now = nanoTime.getAsLong();
          IcmpPacket.Reply reply =
              IcmpPacket.parseEchoReply(buffer, length, socket.v6(), withHeader.get(socket));
          if (reply == null || (!socket.datagram() && reply.identifier() != identifier)) {
            continue;
          }
          InetAddress source = socket.lastSource();
          Probe probe = source == null ? null : probes.get(IpText.format(source));
          if (probe == null || probe.finished || probe.sentAt < 0
              || reply.sequence() != (probe.index & 0xffff)) {
            continue; // unknown source, duplicate or late reply
          }
          probe.rtts.add(now - probe.sentAt);
          advance(probe);
        }
      }
    }

    private void expire(long now) {
      InFlight head;
      while ((head = inFlight.peek()) != null) {
        Probe probe = head.probe();
        boolean open = !probe.finished && probe.index == head.index() && probe.sentAt == head.sentAt();
        if (open && now - head.sentAt() < maxRttNanos) {
          return;
        }
        inFlight.poll();
        if (open) {
          advance(probe); // lost
        }
      }
    }

    private void advance(Probe probe) {
      probe.index++;
      probe.sentAt = -1;
      if (probe.index >= totalNum) {
        probe.finished = true;
        unfinished--;
      } else {
        ready.add(probe);
      }
    }
  }
}
