package io.bkmonitorbeat.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Private copies of plugin jars. The host loads a plugin from its copy, never from the operator's
 * file: the file in {@code plugins/} is never held open (it can be deleted or overwritten at any
 * time, even while the plugin runs), the digest checked against the trust file is the digest of
 * the bytes actually loaded, and a failed upgrade can fall back to the old copy. Copies are
 * deleted when their plugin unloads, and the whole directory when the catalog closes. Confined to
 * the catalog's thread.
 */
final class ShadowJars {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path dir;
  private final boolean ownsDir;

  /**
   * @param dir where the copies go; {@code null} for a fresh temporary directory that is deleted
   *     on {@link #close()}
   */
  ShadowJars(Path dir) {
    try {
      this.ownsDir = dir == null;
      this.dir = dir == null ? Files.createTempDirectory("bkm-plugins") : Files.createDirectories(dir);
      if (!ownsDir) {
        deleteCopies(); // copies of a previous run
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the plugin copy directory " + dir, e);
    }
  }

  /** A copy and the SHA-256 of its bytes. */
  record Copy(Path path, String sha256) {}

  /** Copies {@code jar} and hashes what was copied. */
  Copy copy(Path jar) throws IOException {
    Path target = dir.resolve(SEQUENCE.incrementAndGet() + "-" + jar.getFileName());
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return new Copy(target, HexFormat.of().formatHex(digest.digest()));
  }

  /** Deletes a copy; a copy still mapped by a class loader is deleted anyway (Linux allows it). */
  void delete(Path copy) {
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      // left for the next start's clean-up
    }
  }

  /** Deletes every copy, and the directory if it is a temporary one. */
  void close() {
    deleteCopies();
    if (ownsDir) {
      delete(dir);
    }
  }

  private void deleteCopies() {
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".jar")).forEach(this::delete);
    } catch (IOException e) {
      // nothing to clean
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
