package io.bkmonitorbeat.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What the host remembers of a jar file to notice that it changed: size, modification time and
 * file key (inode), so an atomic {@code mv} over the old jar is seen even when size and time are
 * equal. Two equal stamps taken a settle time apart also say that a copy is complete. Immutable.
 *
 * @param size the size in bytes
 * @param modifiedMillis the modification time
 * @param fileKey the file system's identity of the file, or empty where there is none
 */
record JarStamp(long size, long modifiedMillis, String fileKey) {
  JarStamp {
    Objects.requireNonNull(fileKey, "fileKey");
  }

  /** Reads the stamp of {@code jar}. */
  static JarStamp of(Path jar) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
    Object key = attributes.fileKey();
    return new JarStamp(attributes.size(), attributes.lastModifiedTime().toMillis(),
        key == null ? "" : key.toString());
  }
}
