package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SockAddrTest {

  @Test
  void encodesSockaddrIn() throws Exception {
    assertThat(SockAddr.encode(InetAddress.getByName("127.1.2.3"), ByteOrder.LITTLE_ENDIAN))
        .containsExactly(2, 0, 0, 0, 127, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(SockAddr.encode(InetAddress.getByName("127.1.2.3"), ByteOrder.BIG_ENDIAN))
        .startsWith(0, 2, 0, 0, 127);
  }

  @Test
  void encodesSockaddrIn6() throws Exception {
    byte[] encoded = SockAddr.encode(InetAddress.getByName("::1"), ByteOrder.LITTLE_ENDIAN);
    assertThat(encoded).hasSize(28).startsWith(10, 0, 0, 0, 0, 0, 0, 0);
    assertThat(encoded[23]).isEqualTo((byte) 1);
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    for (String text : new String[] {"127.0.0.1", "10.9.8.7", "::1", "fe80::1"}) {
      InetAddress address = InetAddress.getByName(text);
      byte[] encoded = SockAddr.encode(address);
      assertThat(SockAddr.decode(encoded, encoded.length)).isEqualTo(address);
    }
  }

  @Test
  void rejectsShortOrForeignAddresses() {
    assertThat(SockAddr.decode(new byte[16], 1)).isNull();
    assertThat(SockAddr.decode(new byte[] {1, 0, 0, 0}, 4, ByteOrder.LITTLE_ENDIAN)).isNull();
  }
}
