package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.probe.DnsCheckMode;
import io.bkmonitorbeat.probe.IpFamily;
import io.bkmonitorbeat.probe.NetSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run's matching, loss and pacing logic against fake sockets that answer (or not) the way a
 * kernel would. (The fakes have no descriptor, so the loop's poll just sleeps.)
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PingRunTest {
  private static final int ID = 0x1234;

  enum Behaviour { REPLY, DROP, FAIL_SEND, ENOBUFS_ONCE, FOREIGN_ID, DUPLICATE, OTHER_SOURCE }

  /** A fake ICMP socket: replies are queued when a request is sent. */
  static final class FakeSocket implements IcmpSocket {
    final boolean v6;
    final boolean datagram;
    final Map<InetAddress, Behaviour> behaviour = new HashMap<>();
    final ArrayDeque<Object[]> queue = new ArrayDeque<>();
    final List<Long> sendTimes = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();
    boolean enobufsDone;
    InetAddress lastSource;

    FakeSocket(boolean v6, boolean datagram) {
      this.v6 = v6;
      this.datagram = datagram;
    }

    @Override
    public int fd() {
      return -1;
    }

    @Override
    public boolean v6() {
      return v6;
    }

    @Override
    public boolean datagram() {
      return datagram;
    }

    @Override
    public int send(byte[] packet, InetAddress to) {
      Behaviour what = behaviour.getOrDefault(to, Behaviour.REPLY);
      if (what == Behaviour.FAIL_SEND) {
        return 101; // ENETUNREACH
      }
      if (what == Behaviour.ENOBUFS_ONCE && !enobufsDone) {
        enobufsDone = true;
        return 105;
      }
      sendTimes.add(System.nanoTime());
      sent.add(packet.clone());
      if (what == Behaviour.DROP) {
        return 0;
      }
      byte[] reply = packet.clone();
      reply[0] = (byte) (v6 ? IcmpPacket.ECHO_REPLY_V6 : IcmpPacket.ECHO_REPLY_V4);
      if (datagram) {
        reply[4] = 0x42; // the kernel's identifier (the socket's "port")
        reply[5] = 0x42;
      }
      if (what == Behaviour.FOREIGN_ID) {
        reply[5]++;
      }
      if (withIpHeader()) {
        byte[] withHeader = new byte[20 + reply.length];
        withHeader[0] = 0x45;
        System.arraycopy(reply, 0, withHeader, 20, reply.length);
        reply = withHeader;
      }
      InetAddress source = to;
      if (what == Behaviour.OTHER_SOURCE) {
        source = address("127.9.9.9");
      }
      queue.add(new Object[] {reply, source});
      if (what == Behaviour.DUPLICATE) {
        queue.add(new Object[] {reply, source});
      }
      return 0;
    }

    @Override
    public int receive(byte[] buffer) {
      Object[] next = queue.poll();
      if (next == null) {
        return -1;
      }
      byte[] data = (byte[]) next[0];
      System.arraycopy(data, 0, buffer, 0, data.length);
      lastSource = (InetAddress) next[1];
      return data.length;
    }

    @Override
    public InetAddress lastSource() {
      return lastSource;
    }

    @Override
    public void close() {}
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PingSettings settings(Duration maxRtt, int totalNum, int pingSize, Duration interval) {
    return new PingSettings(List.of(), maxRtt, totalNum, pingSize, interval, false,
        new NetSettings(1024, IpFamily.ANY, DnsCheckMode.SINGLE, false));
  }

  private static Map<String, PingRun.Result> run(PingSettings settings, List<InetAddress> targets,
      FakeSocket v4, FakeSocket v6, Duration limit) throws InterruptedException {
    PingRun run = new PingRun(settings, ID, System::nanoTime, () -> 0L, () -> false);
    return run.run(targets, v4, v6, System.nanoTime() + limit.toNanos());
  }

  @Test
  void datagramSocketsAcceptTheKernelsIdentifier() throws Exception {
    FakeSocket v4 = new FakeSocket(false, true);
    FakeSocket v6 = new FakeSocket(true, true);
    Map<String, PingRun.Result> results = run(settings(Duration.ofSeconds(1), 3, 56, Duration.ZERO),
        List.of(address("127.0.0.1"), address("::1")), v4, v6, Duration.ofSeconds(5));
    assertThat(results).containsOnlyKeys("127.0.0.1", "::1");
    assertThat(results.values()).allSatisfy(result -> {
      assertThat(result.rttNanos()).hasSize(3);
      assertThat(result.lost()).isZero();
      assertThat(result.code()).isEqualTo(ErrorCode.OK);
    });
    assertThat(v4.sent).extracting(packet -> packet[7] & 0xff).containsExactly(0, 1, 2);
    assertThat(v6.sent).allSatisfy(packet -> assertThat(packet[0] & 0xff).isEqualTo(128));
  }

  @Test
  void rawSocketsIgnoreForeignIdentifiersSourcesAndDuplicates() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    InetAddress foreign = address("127.0.0.2");
    InetAddress elsewhere = address("127.0.0.3");
    InetAddress twice = address("127.0.0.4");
    v4.behaviour.put(foreign, Behaviour.FOREIGN_ID);
    v4.behaviour.put(elsewhere, Behaviour.OTHER_SOURCE);
    v4.behaviour.put(twice, Behaviour.DUPLICATE);
    Map<String, PingRun.Result> results = run(settings(Duration.ofMillis(60), 2, 56, Duration.ZERO),
        List.of(foreign, elsewhere, twice), v4, null, Duration.ofSeconds(5));
    assertThat(results.get("127.0.0.2").lost()).isEqualTo(2);
    assertThat(results.get("127.0.0.2").code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT);
    assertThat(results.get("127.0.0.3").lost()).isEqualTo(2);
    assertThat(results.get("127.0.0.4").rttNanos()).hasSize(2);
    assertThat(results.get("127.0.0.4").lost()).isZero();
  }

  @Test
  void unansweredRequestsExpireAfterMaxRttAndTheNextOneFollows() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    InetAddress silent = address("127.0.0.5");
    v4.behaviour.put(silent, Behaviour.DROP);
    long start = System.nanoTime();
    Map<String, PingRun.Result> results = run(settings(Duration.ofMillis(50), 3, 56, Duration.ZERO),
        List.of(silent, address("127.0.0.1")), v4, null, Duration.ofSeconds(5));
    long elapsed = System.nanoTime() - start;
    assertThat(results.get("127.0.0.5").lost()).isEqualTo(3);
    assertThat(results.get("127.0.0.5").rttNanos()).isEmpty();
    assertThat(results.get("127.0.0.1").lost()).isZero();
    assertThat(Duration.ofNanos(elapsed)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
    assertThat(v4.sent).filteredOn(packet -> true).hasSize(6);
  }

  @Test
  void sendFailuresAreLostWithRequestFailedAndEnobufsIsRetriedOnce() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    InetAddress failing = address("127.0.0.6");
    InetAddress busy = address("127.0.0.7");
    v4.behaviour.put(failing, Behaviour.FAIL_SEND);
    v4.behaviour.put(busy, Behaviour.ENOBUFS_ONCE);
    Map<String, PingRun.Result> results = run(settings(Duration.ofSeconds(1), 2, 56, Duration.ZERO),
        List.of(failing, busy), v4, null, Duration.ofSeconds(5));
    assertThat(results.get("127.0.0.6").code()).isEqualTo(ErrorCode.REQUEST_FAILED);
    assertThat(results.get("127.0.0.6").lost()).isEqualTo(2);
    assertThat(results.get("127.0.0.6").sendError()).contains("errno 101");
    assertThat(results.get("127.0.0.7").lost()).isZero();
  }

  @Test
  void sendIntervalPacesTheWholeRun() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    List<InetAddress> targets = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      targets.add(address("127.0.0." + i));
    }
    run(settings(Duration.ofSeconds(1), 2, 56, Duration.ofMillis(5)), targets, v4, null,
        Duration.ofSeconds(5));
    assertThat(v4.sendTimes).hasSize(20);
    for (int i = 1; i < v4.sendTimes.size(); i++) {
      assertThat(v4.sendTimes.get(i) - v4.sendTimes.get(i - 1))
          .as("gap %d", i).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  @Test
  void theEndTimeCountsOpenRequestsAsLost() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    InetAddress silent = address("127.0.0.8");
    v4.behaviour.put(silent, Behaviour.DROP);
    long start = System.nanoTime();
    Map<String, PingRun.Result> results = run(settings(Duration.ofSeconds(10), 4, 56, Duration.ZERO),
        List.of(silent), v4, null, Duration.ofMillis(100));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(results.get("127.0.0.8").lost()).isEqualTo(4);
  }

  @Test
  void duplicateAddressesAreProbedOnce() throws Exception {
    FakeSocket v4 = new FakeSocket(false, false);
    Map<String, PingRun.Result> results = run(settings(Duration.ofSeconds(1), 2, 16, Duration.ZERO),
        List.of(address("127.0.0.1"), address("127.0.0.1")), v4, null, Duration.ofSeconds(5));
    assertThat(results).hasSize(1);
    assertThat(v4.sent).hasSize(2).allSatisfy(packet -> assertThat(packet).hasSize(16));
    assertThat(Arrays.copyOfRange(v4.sent.get(0), 4, 6)).containsExactly(0x12, 0x34);
  }
}
