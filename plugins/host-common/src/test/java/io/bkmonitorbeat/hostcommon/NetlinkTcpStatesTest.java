package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The netlink dump against this machine's kernel, with real loopback sockets of both families. */
class NetlinkTcpStatesTest {

  @Test
  void countsIpv4AndIpv6SocketsInOneDump() throws Exception {
    try (ServerSocket v4 = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        ServerSocket v6 = new ServerSocket(0, 5, InetAddress.getByName("::1"));
        Socket c4 = new Socket("127.0.0.1", v4.getLocalPort());
        Socket c6 = new Socket(InetAddress.getByName("::1"), v6.getLocalPort());
        Socket a4 = v4.accept();
        Socket a6 = v6.accept()) {
      Map<String, Long> viaNetlink = TcpStates.zero();
      assertThat(NetlinkTcpStates.count(viaNetlink, NetlinkTcpStates.buffer())).isTrue();
      Map<String, Long> viaProc = TcpStates.zero();
      TcpStates.count(ProcFs.system().bytes("/proc/net/tcp"), viaProc, "tcp", Malformed.IGNORE);
      TcpStates.count(ProcFs.system().bytes("/proc/net/tcp6"), viaProc, "tcp6", Malformed.IGNORE);
      assertThat(viaNetlink.get("listen")).isGreaterThanOrEqualTo(2);
      assertThat(viaNetlink.get("established")).isGreaterThanOrEqualTo(4);
      // Other tests open and close sockets meanwhile: the two views agree on the listeners.
      assertThat(viaNetlink.get("listen")).isEqualTo(viaProc.get("listen"));
      assertThat(viaNetlink.keySet()).containsExactlyElementsOf(TcpStates.KEYS);
    }
  }
}
