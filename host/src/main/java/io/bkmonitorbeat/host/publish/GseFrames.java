package io.bkmonitorbeat.host.publish;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The GSE IPC wire format (spec 2.3–2.6): encodes the dynamic data message (type 9) and the
 * agent-info request (type 10), and decodes agent→collector messages. Stateless and thread-safe.
 *
 * <p>All integers are big-endian ({@link ByteBuffer}'s default order). Decoding reads fully:
 * a header or body split over several reads is reassembled, and the body of a message type we do
 * not interpret is drained so the next header is read from the right offset (gap G-1: the Go
 * client did single reads and left unknown bodies in the stream).
 */
final class GseFrames {
  /** Data message type (GSE_TYPE_DYNAMIC). */
  static final int TYPE_DYNAMIC = 9;
  /** Agent-info request and response type (GSE_TYPE_GET_CONF). */
  static final int TYPE_GET_CONF = 10;
  /** Common header size. */
  static final int COMMON_HEADER = 24;
  /** Extension header size of the dynamic message. */
  static final int EXTENSION_HEADER = 24;
  /** Meta area size, always this long even without metas ("(8+128)*3"). */
  static final int META_MAX_LEN = 408;
  /** Bytes in front of the payload of a dynamic message. */
  static final int DYNAMIC_OVERHEAD = COMMON_HEADER + EXTENSION_HEADER + META_MAX_LEN;
  /** Agent→collector header: type and body length. */
  static final int AGENT_HEADER = 8;
  /**
   * Largest agent message body we accept. The agent sends small JSON objects; a huge length means
   * the stream is corrupt, and allocating it would only hurt us.
   */
  static final int MAX_AGENT_BODY = 16 * 1024 * 1024;

  private static final byte[] AGENT_INFO_REQUEST =
      ByteBuffer.allocate(COMMON_HEADER).putInt(TYPE_GET_CONF).array();

  private GseFrames() {}

  /** One decoded agent→collector message; {@code body} is empty for types we do not read. */
  record AgentMessage(int type, byte[] body) {}

  /** Returns a fresh copy of the 24-byte agent-info request (spec 2.6(a)). */
  static byte[] agentInfoRequest() {
    return AGENT_INFO_REQUEST.clone();
  }

  /** Returns a whole dynamic frame for {@code payload} (spec 2.6(c)). */
  static byte[] encodeDynamic(int dataId, long utcSeconds, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(DYNAMIC_OVERHEAD + payload.length);
    putDynamicHeader(frame, dataId, utcSeconds, payload.length);
    frame.put(payload);
    return frame.array();
  }

  /**
   * Writes the 456 bytes in front of a payload of {@code payloadLength} bytes at the buffer's
   * position, which advances by {@link #DYNAMIC_OVERHEAD}. Used to patch the header in after the
   * payload was encoded in place, so a batch is built without copying payloads.
   */
  static void putDynamicHeader(ByteBuffer out, int dataId, long utcSeconds, int payloadLength) {
    int start = out.position();
    out.putInt(TYPE_DYNAMIC)
        .putInt(dataId)
        .putInt((int) utcSeconds) // uint32 on the wire
        .putInt(payloadLength + EXTENSION_HEADER + META_MAX_LEN)
        .putInt(0) // resv[0]
        .putInt(0) // resv[1]
        .putLong(0) // index
        .putInt(0) // flags
        .putInt(0) // metaLen: we never add metas
        .putInt(META_MAX_LEN)
        .putInt(0); // metaCount
    // The meta area must be zero even when the buffer is reused.
    for (int i = 0; i < META_MAX_LEN; i += 8) {
      out.putLong(0);
    }
    assert out.position() - start == DYNAMIC_OVERHEAD;
  }

  /** Source of bytes for decoding: {@code read} returns -1 at end of stream. */
  interface ByteSource {
    int read(ByteBuffer dst) throws IOException;
  }

  /**
   * Reads one whole agent message. Bodies of types other than {@link #TYPE_GET_CONF} are
   * consumed and discarded.
   *
   * @throws EOFException if the stream ends, also in the middle of a message
   * @throws IOException on read errors or an impossible body length
   */
  static AgentMessage readAgentMessage(ByteSource in) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(AGENT_HEADER);
    readFully(in, header);
    int type = header.getInt(0);
    long bodyLength = Integer.toUnsignedLong(header.getInt(4));
    if (bodyLength > MAX_AGENT_BODY) {
      throw new IOException(
          String.format(Locale.ROOT, "agent message type %d: body length %d too large", type,
              bodyLength));
    }
    if (type != TYPE_GET_CONF) {
      drain(in, (int) bodyLength);
      return new AgentMessage(type, new byte[0]);
    }
    ByteBuffer body = ByteBuffer.allocate((int) bodyLength);
    readFully(in, body);
    return new AgentMessage(type, body.array());
  }

  /** Fills {@code dst} completely, looping over short reads. */
  static void readFully(ByteSource in, ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      if (in.read(dst) < 0) {
        throw new EOFException("stream ended with " + dst.remaining() + " bytes missing");
      }
    }
    dst.flip();
  }

  private static void drain(ByteSource in, int length) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocate(Math.min(length, 8192));
    int left = length;
    while (left > 0) {
      scratch.clear().limit(Math.min(left, scratch.capacity()));
      readFully(in, scratch);
      left -= scratch.limit();
    }
  }
}
