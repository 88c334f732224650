package io.bkmonitorbeat.configwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesANewFileWithSafeModesCreatingTheDirectory_gap17() throws Exception {
    Path file = dir.resolve("a/b/child.conf");
    assertThat(ConfigFiles.writeIfChanged(file, bytes("x: 1\n"))).isTrue();

    assertThat(Files.readString(file)).isEqualTo("x: 1\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rwxr-xr-x");
    try (var entries = Files.list(dir.resolve("a/b"))) {
      assertThat(entries).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void unchangedContentIsNotRewritten() throws Exception {
    Path file = dir.resolve("child.conf");
    ConfigFiles.writeIfChanged(file, bytes("x: 1\n"));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    Object inode = Files.readAttributes(file, "unix:ino").get("ino");

    assertThat(ConfigFiles.writeIfChanged(file, bytes("x: 1\n"))).isFalse();

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void changedContentReplacesTheFileAtomically() throws Exception {
    Path file = dir.resolve("child.conf");
    ConfigFiles.writeIfChanged(file, bytes("x: 1\n"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    Object inode = Files.readAttributes(file, "unix:ino").get("ino");

    assertThat(ConfigFiles.writeIfChanged(file, bytes("x: 2\n"))).isTrue();

    assertThat(Files.readString(file)).isEqualTo("x: 2\n");
    // A new inode: renamed over, never truncated in place, so a reader sees old or new.
    assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isNotEqualTo(inode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void existingDirectoryKeepsItsModeAndAFileInTheWayIsAnError() throws Exception {
    Path own = Files.createDirectory(dir.resolve("own"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    ConfigFiles.writeIfChanged(own.resolve("c.conf"), bytes("a"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own)))
        .isEqualTo("rwx------");

    Path blocker = Files.writeString(dir.resolve("blocker"), "");
    assertThatThrownBy(() -> ConfigFiles.writeIfChanged(blocker.resolve("c.conf"), bytes("a")))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void deleteAndRead() throws Exception {
    Path file = dir.resolve("c.conf");
    assertThat(ConfigFiles.readIfExists(file)).isNull();
    assertThat(ConfigFiles.delete(file)).isFalse();
    ConfigFiles.writeIfChanged(file, bytes("a"));
    assertThat(ConfigFiles.readIfExists(file)).isEqualTo(bytes("a"));
    assertThat(ConfigFiles.delete(file)).isTrue();
    assertThat(file).doesNotExist();
  }
}
