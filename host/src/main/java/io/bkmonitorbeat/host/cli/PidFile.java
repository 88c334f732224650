package io.bkmonitorbeat.host.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pid file and its exclusive lock: a second instance with the same pid file cannot start.
 * The lock lives as long as the process (the OS releases it on exit, even on a crash).
 * Not thread-safe; used at start and stop only.
 */
final class PidFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private PidFile(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code path} and writes this process's pid into it.
   *
   * @throws IOException if the file cannot be written, or another process holds the lock (the
   *     message names the file and that pid)
   */
  static PidFile acquire(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String other = Files.readString(path, StandardCharsets.UTF_8).trim();
      channel.close();
      throw new IOException("another bkmonitorbeat (pid " + other + ") holds the pid file " + path);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return new PidFile(path, channel, lock);
  }

  /**
   * Reads the pid written in {@code path}.
   *
   * @throws IOException if the file cannot be read or holds no pid
   */
  static long read(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("pid file " + path + " holds no pid: '" + text + "'", e);
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
    Files.deleteIfExists(path);
  }
}
