package io.bkmonitorbeat.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SocketTest {
  private final ProcFs proc = ProcFs.system();

  @Test
  void procNetLinesDecodeBothFamiliesAndTheV4MappedForm() throws Exception {
    SocketEntry v4 = ProcNetSocketTable.parseLine(
        "0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 12345 1", true);
    assertThat(v4.ipPort()).isEqualTo("127.0.0.1:8080");
    assertThat(v4.protocol()).isEqualTo(SocketProtocol.TCP);
    assertThat(v4.inode()).isEqualTo(12345);
    SocketEntry v6 = ProcNetSocketTable.parseLine("1: 00000000000000000000000001000000:0035"
        + " 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 777 2", false);
    assertThat(v6.ip()).isEqualTo("::1");
    assertThat(v6.protocol()).isEqualTo(SocketProtocol.UDP6);
    assertThat(v6.state()).isEqualTo("UNCONN");
    SocketEntry mapped = ProcNetSocketTable.parseLine("2: 0000000000000000FFFF00000100007F:0050"
        + " 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 9 1", true);
    assertThat(mapped.ip()).isEqualTo("127.0.0.1");
    assertThat(mapped.protocol()).as("v4-mapped counts as IPv4").isEqualTo(SocketProtocol.TCP);
    SocketEntry established = ProcNetSocketTable.parseLine(
        "3: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000 0 0 55 1", true);
    assertThat(established.port()).as("not LISTEN: skipped").isZero();
    assertThat(ProcNetSocketTable.parseLine("4: zz:1 0 0A", true)).isNull();
  }

  @Test
  void ipv6TextIsTheShortestForm() throws Exception {
    assertThat(SocketEntry.text(InetAddress.getByName("::"))).isEqualTo("::");
    assertThat(SocketEntry.text(InetAddress.getByName("fe80:0:0:0:1:0:0:2"))).isEqualTo("fe80::1:0:0:2");
    assertThat(SocketEntry.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
  }

  @Test
  void sockDiagRepliesAreParsedAndErrorsRaised() throws Exception {
    ByteBuffer reply = ByteBuffer.allocate(88 + 20).order(ByteOrder.nativeOrder());
    reply.putInt(88).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
    reply.put((byte) 2).put((byte) 10).put((byte) 0).put((byte) 0);
    reply.order(ByteOrder.BIG_ENDIAN).putShort((short) 8080).putShort((short) 0);
    reply.put(new byte[] {127, 0, 0, 1}).put(new byte[12]).put(new byte[16]);
    reply.order(ByteOrder.nativeOrder()).putInt(0).putLong(0).putInt(0).putInt(0).putInt(0)
        .putInt(0).putInt(4242);
    reply.putInt(20).putShort((short) 3).putShort((short) 2).putInt(1).putInt(0).putInt(0);
    List<SocketEntry> out = new ArrayList<>();
    assertThat(SockDiag.parse(reply.array(), reply.position(), true, out)).isTrue();
    assertThat(out).singleElement().satisfies(e -> {
      assertThat(e.ipPort()).isEqualTo("127.0.0.1:8080");
      assertThat(e.inode()).isEqualTo(4242);
      assertThat(e.state()).isEqualTo("LISTEN");
    });
    ByteBuffer error = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
    error.putInt(36).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(-22);
    assertThatThrownBy(() -> SockDiag.parse(error.array(), 36, true, out))
        .isInstanceOf(IOException.class).hasMessageContaining("22");
    assertThatThrownBy(() -> SockDiag.parse(reply.array(), 40, true, out))
        .isInstanceOf(IOException.class).hasMessageContaining("truncated");
  }

  @Test
  void netlinkAndProcNetAgreeOnThisMachine() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket tcp = new ServerSocket(0, 5, loopback);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      List<SocketEntry> netlink = new NetlinkSocketTable().read();
      List<SocketEntry> procNet = new ProcNetSocketTable(proc).read();
      // Only this JVM's sockets are compared: other processes open and close theirs between
      // the two reads on a shared machine.
      int self = (int) ProcessHandle.current().pid();
      SocketOwners owners = new SocketOwners(proc);
      Map<Integer, List<SocketEntry>> byNetlink = owners.byPid(List.of(self), netlink);
      Map<Integer, List<SocketEntry>> byProc = owners.byPid(List.of(self), procNet);
      assertThat(new HashSet<>(byNetlink.get(self))).isEqualTo(new HashSet<>(byProc.get(self)));
      Set<String> mine = new HashSet<>();
      byNetlink.get(self).forEach(e -> mine.add(e.protocol().text() + " " + e.ipPort() + " " + e.state()));
      assertThat(mine).contains(
          "tcp 127.0.0.1:" + tcp.getLocalPort() + " LISTEN",
          "udp 127.0.0.1:" + udp.getLocalPort() + " UNCONN");
    }
  }

  @Test
  void ipv6ListenersAgreeToo() throws Exception {
    ServerSocket v6;
    try {
      v6 = new ServerSocket(0, 5, InetAddress.getByName("::1"));
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
      return;
    }
    try (v6; DatagramSocket udp6 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
      int self = (int) ProcessHandle.current().pid();
      SocketOwners owners = new SocketOwners(proc);
      Set<String> netlink = new HashSet<>();
      owners.byPid(List.of(self), new NetlinkSocketTable().read()).get(self)
          .forEach(e -> netlink.add(e.protocol().text() + " " + e.ipPort()));
      Set<String> procNet = new HashSet<>();
      owners.byPid(List.of(self), new ProcNetSocketTable(proc).read()).get(self)
          .forEach(e -> procNet.add(e.protocol().text() + " " + e.ipPort()));
      assertThat(netlink).isEqualTo(procNet)
          .contains("tcp6 [::1]:" + v6.getLocalPort(), "udp6 [::1]:" + udp6.getLocalPort());
    }
  }

  @Test
  void aFailingNetlinkTableDegradesOnceAndForAll() throws Exception {
    AtomicInteger netlinkCalls = new AtomicInteger();
    SocketTable broken = new SocketTable() {
      @Override
      public String name() {
        return "netlink";
      }

      @Override
      public List<SocketEntry> read() throws IOException {
        netlinkCalls.incrementAndGet();
        throw new IOException("EPROTONOSUPPORT");
      }
    };
    SocketDetector detector = new SocketDetector(broken, new ProcNetSocketTable(proc),
        new SocketOwners(proc), false, "test");
    assertThat(detector.source()).isEqualTo("netlink");
    assertThat(detector.table()).isNotEmpty();
    detector.table();
    assertThat(netlinkCalls).hasValue(1);
    assertThat(detector.netlinkFailures()).isEqualTo(1);
    assertThat(detector.source()).isEqualTo("proc");
    SocketDetector disabled = new SocketDetector(broken, new ProcNetSocketTable(proc),
        new SocketOwners(proc), true, "test");
    disabled.table();
    assertThat(netlinkCalls).as("disable_netlink: never asked").hasValue(1);
  }

  @Test
  void malformedProcNetLinesAreCountedAndAMissingTableIsAnError(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
    ProcNetSocketTable table = new ProcNetSocketTable(new ProcFs(root));
    assertThatThrownBy(table::read).isInstanceOf(IOException.class).hasMessageContaining("net/tcp");
    java.nio.file.Files.createDirectories(root.resolve("net"));
    java.nio.file.Files.writeString(root.resolve("net/tcp"), "  sl  local_address rem_address   st\n"
        + "0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 12345 1\n"
        + "1: garbage\n");
    assertThat(table.read()).singleElement().satisfies(e -> assertThat(e.port()).isEqualTo(8080));
    assertThat(table.malformed()).isEqualTo(1);
  }

  @Test
  void socketLinksAreParsed() {
    assertThat(SocketOwners.socketInode("socket:[12345]")).isEqualTo(12345);
    assertThat(SocketOwners.socketInode("pipe:[12345]")).isEqualTo(-1);
    assertThat(SocketOwners.socketInode("/dev/null")).isEqualTo(-1);
  }
}
