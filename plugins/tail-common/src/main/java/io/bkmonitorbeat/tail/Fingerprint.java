package io.bkmonitorbeat.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a file's content: the SHA-256 of its first {@code length} bytes. A file shorter
 * than the configured fingerprint length gets a shorter fingerprint, which grows with the file;
 * only a full-length fingerprint is trusted to recognise a file under another inode (a moved or
 * copied file), because short prefixes such as a common header are too often equal. Immutable.
 *
 * @param length how many leading bytes were hashed
 * @param hash the lower-case hex SHA-256 of those bytes
 */
public record Fingerprint(int length, String hash) {

  /** The fingerprint of an empty file. */
  public static final Fingerprint EMPTY = of(new byte[0], 0);

  /** Validates the components. */
  public Fingerprint {
    Objects.requireNonNull(hash, "hash");
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
  }

  /** Returns the fingerprint of the first {@code length} bytes of {@code bytes}. */
  public static Fingerprint of(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return new Fingerprint(length, HexFormat.of().formatHex(digest.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Reads up to {@code max} leading bytes of a file (fewer when the file is shorter).
   *
   * @throws IOException if the file cannot be read
   */
  public static byte[] readPrefix(FileChannel channel, int max) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(max);
    long position = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      position += n;
    }
    byte[] prefix = new byte[buffer.position()];
    buffer.flip().get(prefix);
    return prefix;
  }

  /** Returns whether {@code prefix} (a file's first bytes) starts with the content this identifies. */
  public boolean matches(byte[] prefix) {
    return prefix.length >= length && of(prefix, length).hash.equals(hash);
  }
}
