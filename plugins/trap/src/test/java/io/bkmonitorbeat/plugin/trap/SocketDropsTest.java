package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SocketDropsTest {

  @Test
  void sumsTheDropsColumnOfTheSocketsOnThePort() {
    String text = """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          1042: 0100007F:2B5C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51234 2 0000000000000000 17
          1043: 00000000:00A2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51235 2 0000000000000000 5
          1044: 0100007F:2B5D 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51236 2 0000000000000000 9
        """;
    assertThat(SocketDrops.parse(text, 0x2B5C)).hasValue(17);
    assertThat(SocketDrops.parse(text, 162)).hasValue(5);
    assertThat(SocketDrops.parse(text, 1)).isEmpty();
    assertThat(SocketDrops.parse("", 162)).isEmpty();
  }

  @Test
  void readsTheRealDropsOfAnOverflowingLoopbackSocket() throws Exception {
    try (DatagramChannel receiver = DatagramChannel.open();
         DatagramChannel sender = DatagramChannel.open()) {
      receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1024); // the kernel rounds up to its minimum
      receiver.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
      assertThat(SocketDrops.read(port)).hasValue(0);

      for (int i = 0; i < 500; i++) { // never read: the buffer fills and the kernel drops the rest
        sender.send(ByteBuffer.wrap(new byte[512]), new InetSocketAddress("127.0.0.1", port));
      }

      OptionalLong drops = SocketDrops.read(port);
      assertThat(drops).isPresent();
      assertThat(drops.getAsLong()).isPositive();
    }
  }
}
