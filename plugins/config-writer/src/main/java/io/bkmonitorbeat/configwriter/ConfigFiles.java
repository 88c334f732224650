package io.bkmonitorbeat.configwriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * Writes generated configuration files so that a reader (the host's child-config loader) never
 * sees half a file and nothing is rewritten needlessly: the content is compared first, and a
 * change is written to a temporary file in the same directory, forced to disk, given its mode and
 * renamed over the target in one step (then the directory is forced too, so the rename survives a
 * crash).
 *
 * <p>Modes (gap 17): the original created the directory with the bits {@code 0x666} (octal
 * 03146, a typo) and the files world-writable ({@code 0666}). Here files are {@code rw-r--r--}
 * and directories {@code rwxr-xr-x}: other users may read the configuration but not change what
 * the agent runs. Stateless; thread-safe for distinct files.
 */
public final class ConfigFiles {
  /** The mode of written files, {@code 0644}. */
  public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
  /** The mode of created directories, {@code 0755}. */
  public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

  private ConfigFiles() {}

  /**
   * Makes {@code file} hold exactly {@code content}, creating its directory (mode {@link
   * #DIR_MODE}) if needed.
   *
   * @return true if the file was written, false if it already held {@code content} (then it is
   *     not touched: same inode, same modification time)
   * @throws IOException if the directory or the file cannot be written
   */
  public static boolean writeIfChanged(Path file, byte[] content) throws IOException {
    if (Arrays.equals(readIfExists(file), content)) {
      return false;
    }
    Path dir = createDirectory(file.toAbsolutePath().getParent());
    Path temp = dir.resolve("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      setMode(temp, FILE_MODE);
      move(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
    return true;
  }

  /**
   * Returns the content of {@code file}, or null if it does not exist.
   *
   * @throws IOException if it exists but cannot be read
   */
  public static byte[] readIfExists(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Creates {@code dir} and its missing parents with mode {@link #DIR_MODE}; an existing
   * directory keeps its mode (the operator may have chosen it).
   *
   * @return {@code dir}
   */
  public static Path createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createDirectory(parent);
    }
    try {
      Files.createDirectory(dir);
      setMode(dir, DIR_MODE); // explicitly, not through the umask
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
    return dir;
  }

  /**
   * Deletes {@code file} if it exists.
   *
   * @return whether it existed
   */
  public static boolean delete(Path file) throws IOException {
    if (!Files.deleteIfExists(file)) {
      return false;
    }
    forceDirectory(file.toAbsolutePath().getParent());
    return true;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only an exotic file system gets here; a plain replace is the best left.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, mode);
    }
  }

  // Makes a rename or delete in dir durable. Not every platform can open a directory; then the
  // file system's own ordering is all there is.
  private static void forceDirectory(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, see above
    }
  }
}
