package io.bkmonitorbeat.host.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GseFramesTest {

  @Test
  void dynamicFrameIsByteExactSpec26c() {
    byte[] payload = "{\"dataid\":1001,\"ip\":\"10.0.0.1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] frame = GseFrames.encodeDynamic(1001, 1_700_000_000L, payload);

    String expected = "00000009000003e96553f100000001cf"
        + "00000000000000000000000000000000"
        + "00000000000000000000019800000000"
        + "00".repeat(408)
        + "7b22646174616964223a313030312c22" // {"dataid":1001,"
        + "6970223a2231302e302e302e31227d"; // ip":"10.0.0.1"}
    assertThat(frame).hasSize(487);
    assertThat(HexFormat.of().formatHex(frame)).isEqualTo(expected);
  }

  @Test
  void batchHeaderOverwritesStaleMetaBytes() {
    FrameBatch batch = new FrameBatch();
    batch.beginFrame();
    batch.write(new byte[] {1, 2, 3}, 0, 3);
    batch.endFrame(7, 1);
    batch.clear();
    ByteBuffer dirty = batch.toBuffer();
    assertThat(dirty.remaining()).isZero();
    // reuse: header bytes of the new frame must be zero in the meta area
    batch.beginFrame();
    batch.write('x');
    batch.endFrame(1001, 1_700_000_000L);
    byte[] expected = GseFrames.encodeDynamic(1001, 1_700_000_000L, new byte[] {'x'});
    ByteBuffer out = batch.toBuffer();
    byte[] actual = new byte[out.remaining()];
    out.get(actual);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void agentInfoRequestIsSpec26a() {
    assertThat(HexFormat.of().formatHex(GseFrames.agentInfoRequest()))
        .isEqualTo("0000000a" + "00".repeat(20));
  }

  @Test
  void decodesAgentMessagesSplitAcrossShortReadsAndDrainsUnknownTypes() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(frame(77, "ignored body that must be drained"));
    stream.write(frame(10, "{\"bizid\":1,\"cloudid\":2,\"ip\":\"127.0.0.1\"}"));
    stream.write(frame(3, ""));
    stream.write(frame(10, "{}"));
    GseFrames.ByteSource in = trickle(stream.toByteArray(), 3);

    GseFrames.AgentMessage unknown = GseFrames.readAgentMessage(in);
    assertThat(unknown.type()).isEqualTo(77);
    assertThat(unknown.body()).isEmpty();
    GseFrames.AgentMessage info = GseFrames.readAgentMessage(in);
    assertThat(info.type()).isEqualTo(10);
    assertThat(new String(info.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"bizid\":1,\"cloudid\":2,\"ip\":\"127.0.0.1\"}");
    assertThat(GseFrames.readAgentMessage(in).type()).isEqualTo(3);
    assertThat(new String(GseFrames.readAgentMessage(in).body(), StandardCharsets.UTF_8))
        .isEqualTo("{}");
    assertThatThrownBy(() -> GseFrames.readAgentMessage(in)).isInstanceOf(EOFException.class);
  }

  @Test
  void streamEndingInsideABodyIsEof() {
    byte[] cut = frame(10, "{\"ip\":\"1.2.3.4\"}");
    GseFrames.ByteSource in = trickle(java.util.Arrays.copyOf(cut, cut.length - 2), 5);
    assertThatThrownBy(() -> GseFrames.readAgentMessage(in)).isInstanceOf(EOFException.class);
  }

  static byte[] frame(int type, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + b.length).putInt(type).putInt(b.length).put(b).array();
  }

  /** A source that hands out at most {@code chunk} bytes per read, like a slow socket. */
  private static GseFrames.ByteSource trickle(byte[] data, int chunk) {
    ByteBuffer src = ByteBuffer.wrap(data);
    return dst -> {
      if (!src.hasRemaining()) {
        return -1;
      }
      int n = Math.min(chunk, Math.min(dst.remaining(), src.remaining()));
      ByteBuffer slice = src.slice().limit(n);
      dst.put(slice);
      src.position(src.position() + n);
      return n;
    };
  }
}
