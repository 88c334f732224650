package io.bkmonitorbeat.plugin.http;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/** The input streams of an HTTP/1.1 response: deadline, length limit and chunked decoding. */
final class BodyStreams {
  private BodyStreams() {}

  /**
   * Re-arms the socket's read timeout before every read so that no read outlives the deadline;
   * a read after the deadline fails with {@link SocketTimeoutException}.
   */
  static final class Deadline extends FilterInputStream {
    private final Socket socket;
    private final LongSupplier nanoTime;
    private final long deadlineNanos;

    Deadline(InputStream in, Socket socket, LongSupplier nanoTime, long deadlineNanos) {
      super(in);
      this.socket = socket;
      this.nanoTime = nanoTime;
      this.deadlineNanos = deadlineNanos;
    }

    private void arm() throws IOException {
      long nanos = deadlineNanos - nanoTime.getAsLong();
      if (nanos <= 0) {
        throw new SocketTimeoutException("deadline reached");
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000)));
    }

    @Override
    public int read() throws IOException {
      arm();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return super.read(b, off, len);
    }
  }

  /** Ends after {@code limit} bytes ({@code Content-Length}). */
  static final class Limited extends FilterInputStream {
    private long remaining;

    Limited(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** Decodes {@code Transfer-Encoding: chunked}; trailers are read and dropped. */
  static final class Chunked extends InputStream {
    private final InputStream in;
    private long chunkLeft;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (chunkLeft == 0) {
        String line = readLine(in);
        int semi = line.indexOf(';');
        String size = (semi >= 0 ? line.substring(0, semi) : line).trim();
        try {
          chunkLeft = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
          throw new IOException("malformed chunk size '" + line + "'");
        }
        if (chunkLeft < 0) {
          throw new IOException("malformed chunk size '" + line + "'");
        }
        if (chunkLeft == 0) {
          while (!readLine(in).isEmpty()) {
            // trailer fields, dropped
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0 && !readLine(in).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      return n;
    }
  }

  /** Reads a line ended by LF (a preceding CR dropped), as ISO-8859-1. */
  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      if (line.length() > 8192) {
        throw new IOException("line too long");
      }
      line.append((char) b);
    }
  }

  /** Returns the ISO-8859-1 bytes of {@code text}. */
  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
