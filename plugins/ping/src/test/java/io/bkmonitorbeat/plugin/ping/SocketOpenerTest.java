package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketOpenerTest {
  private final List<String> calls = new ArrayList<>();

  private SocketOpener opener(int raw, int datagram) {
    return new SocketOpener(new SocketOpener.Syscalls() {
      @Override
      public int socket(boolean v6, boolean isDatagram) {
        calls.add((v6 ? "v6-" : "v4-") + (isDatagram ? "dgram" : "raw"));
        return isDatagram ? datagram : raw;
      }

      @Override
      public String strerror(int errno) {
        return switch (errno) {
          case 1 -> "Operation not permitted";
          case 13 -> "Permission denied";
          default -> "error " + errno;
        };
      }
    }, () -> "1 0");
  }

  @Test
  void rawFirstWhenPermitted() throws Exception {
    assertThat(opener(5, 6).open(false, false)).isEqualTo(new SocketOpener.Opened(5, false));
    assertThat(calls).containsExactly("v4-raw");
  }

  @Test
  void refusedRawFallsBackToDatagram() throws Exception {
    assertThat(opener(-1, 6).open(true, false)).isEqualTo(new SocketOpener.Opened(6, true));
    assertThat(calls).containsExactly("v6-raw", "v6-dgram");
  }

  @Test
  void notPrivilegedTriesDatagramFirstThenRaw() throws Exception {
    assertThat(opener(5, 6).open(false, true)).isEqualTo(new SocketOpener.Opened(6, true));
    calls.clear();
    assertThat(opener(5, -13).open(false, true)).isEqualTo(new SocketOpener.Opened(5, false));
    assertThat(calls).containsExactly("v4-dgram", "v4-raw");
  }

  @Test
  void bothRefusedNamesTheMissingPermissions() {
    assertThatThrownBy(() -> opener(-1, -13).open(false, false))
        .isInstanceOf(SocketOpener.SocketOpenException.class)
        .hasMessage("cannot open an ICMP socket for IPv4: raw ICMP sockets need root or the"
            + " CAP_NET_RAW capability (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP): Operation not"
            + " permitted), and unprivileged ICMP sockets need the process's group id inside"
            + " net.ipv4.ping_group_range, which is '1 0' (socket(AF_INET, SOCK_DGRAM,"
            + " IPPROTO_ICMP): Permission denied)");
    assertThatThrownBy(() -> opener(-1, -13).open(true, true))
        .hasMessageContaining("for IPv6")
        .hasMessageContaining("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6): Operation not permitted")
        .hasMessageContaining("socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6): Permission denied");
  }

  @Test
  void otherErrorsDoNotFallBack() {
    assertThatThrownBy(() -> opener(-97, 6).open(true, false))
        .isInstanceOf(SocketOpener.SocketOpenException.class)
        .hasMessage("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6): error 97");
    assertThat(calls).containsExactly("v6-raw");
  }

  @Test
  void readsTheSysctl() {
    assertThat(SocketOpener.readPingGroupRange()).isNotBlank();
  }
}
