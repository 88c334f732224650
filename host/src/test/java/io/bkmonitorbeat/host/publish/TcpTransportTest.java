package io.bkmonitorbeat.host.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Windows endpoint form {@code host:port} selects TCP; its write timeout works. */
class TcpTransportTest {

  @Test
  void hostPortEndpointIsTcpAndAStalledPeerTimesOut() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Transport t = Transport.connect("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(2),
          Duration.ofMillis(200));
      try (Socket peer = server.accept()) {
        assertThat(t).isInstanceOf(TcpTransport.class);
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
}
