package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * {@code /dev/kmsg} through libc (jnr-ffi, which the host provides): opened non-blocking, moved to
 * the end with {@code lseek(SEEK_END)} — which the JDK cannot do on a character device — and read
 * one record per {@code read(2)} after {@code poll(2)} says one is there, so that the reader
 * thread can check for shutdown between polls. {@code EPIPE} means the ring buffer overwrote
 * records before they were read: counted, and reading goes on with the oldest record still there.
 * Confined to one reader thread, which also closes it (closing a descriptor another thread is
 * polling could let a new file reuse its number).
 */
final class Kmsg implements KernelLog {
  private static final int O_RDONLY = 0;
  private static final int O_NONBLOCK = 0x800;
  private static final int O_CLOEXEC = 0x80000;
  private static final int SEEK_END = 2;
  private static final short POLLIN = 1;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int EPIPE = 32;
  /** Records are at most 1024 bytes of text plus dictionary lines; 8 KB as the original. */
  private static final int RECORD_BUFFER = 8192;

  /** The libc functions used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    @SaveError
    int open(String path, int flags);

    @SaveError
    long lseek(int fd, long offset, int whence);

    @SaveError
    long read(int fd, @Out byte[] buffer, long length);

    @SaveError
    int poll(@In @Out byte[] fds, long count, int timeoutMillis);

    int close(int fd);

    String strerror(int errno);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  private final String path;
  private final byte[] buffer = new byte[RECORD_BUFFER];
  private final byte[] pollFd = new byte[8];
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int fd = -1;
  private long lost;

  Kmsg(String path) {
    this.path = path;
  }

  @Override
  public void open() throws IOException {
    LibC libc = libc();
    int opened = libc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (opened < 0) {
      throw error("open " + path);
    }
    if (libc.lseek(opened, 0, SEEK_END) < 0) {
      IOException e = error("lseek(SEEK_END) " + path);
      libc.close(opened);
      throw e;
    }
    fd = opened;
    ByteBuffer.wrap(pollFd).order(ByteOrder.nativeOrder()).putInt(0, opened).putShort(4, POLLIN);
  }

  @Override
  public String next(int timeoutMillis) throws IOException {
    LibC libc = libc();
    while (true) {
      long n = libc.read(fd, buffer, buffer.length);
      if (n > 0) {
        return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
      }
      int errno = n < 0 ? errno() : EAGAIN;
      if (errno == EPIPE) {
        lost++;
        continue;
      }
      if (errno != EAGAIN && errno != EINTR) {
        throw error("read " + path);
      }
      pollFd[6] = 0;
      pollFd[7] = 0;
      if (libc.poll(pollFd, 1, timeoutMillis) == 0) {
        return null;
      }
    }
  }

  @Override
  public long lost() {
    return lost;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && fd >= 0) {
      libc().close(fd);
    }
  }

  private IOException error(String what) {
    int errno = errno();
    return new IOException(what + ": " + libc().strerror(errno) + " (errno " + errno + ")");
  }

  private static LibC libc() {
    return Holder.LIBC;
  }

  private static int errno() {
    return Holder.RUNTIME.getLastError();
  }
}
