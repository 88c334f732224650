package io.bkmonitorbeat.host.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Windows endpoint form {@code host:port} selects TCP; its write timeout works. */
class ChannelTransportTest {

  @Test
  void hostPortEndpointIsTcpAndAStalledPeerTimesOut() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Transport t = Transport.connect("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(2),
          Duration.ofMillis(200), false);
      try (Socket peer = server.accept()) {
        assertThat(t).isInstanceOf(ChannelTransport.class);
        t.writeFully(ByteBuffer.wrap(GseFrames.agentInfoRequest()));
        assertThat(peer.getInputStream().readNBytes(24)).isEqualTo(GseFrames.agentInfoRequest());
        peer.getOutputStream().write(new byte[] {0, 0, 0, 10, 0, 0, 0, 2, '{', '}'});
        assertThat(GseFrames.readAgentMessage(t).body()).containsExactly('{', '}');
        // the peer stops reading: a big write must fail with a timeout instead of hanging
        ByteBuffer big = ByteBuffer.allocate(64 * 1024 * 1024);
        assertThatThrownBy(() -> t.writeFully(big)).isInstanceOf(SocketTimeoutException.class);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aSocketPathUsesJnrByDefaultAndTheJdkChannelWhenAsked() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "bkm");
    Path path = dir.resolve("gse.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      try (Transport jdk = Transport.connect(path.toString(), Duration.ofSeconds(1), Duration.ZERO, true);
          SocketChannel peer = server.accept()) {
        assertThat(jdk).isInstanceOf(ChannelTransport.class);
        jdk.writeFully(ByteBuffer.wrap(GseFrames.agentInfoRequest()));
        ByteBuffer received = ByteBuffer.allocate(24);
        while (received.hasRemaining() && peer.read(received) >= 0) {
          // read fully
        }
        assertThat(received.array()).isEqualTo(GseFrames.agentInfoRequest());
      }
      try (Transport jnr = Transport.connect(path.toString(), Duration.ofSeconds(1), Duration.ZERO, false)) {
        assertThat(jnr).isInstanceOf(UnixSocketTransport.class);
      }
    } finally {
      Files.deleteIfExists(path);
      Files.deleteIfExists(dir);
    }
  }
}
