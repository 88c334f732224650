package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system account a script runs as: its name, user id and primary group id, looked
 * up in {@code /etc/passwd} and, for accounts from other name services (LDAP, SSSD), with {@code
 * getent passwd}.
 *
 * @param name the account name
 * @param uid the user id
 * @param gid the primary group id
 */
record UserAccount(String name, long uid, long gid) {

  /**
   * Looks {@code name} up.
   *
   * @return the account, or empty if no name service knows it
   */
  static Optional<UserAccount> lookup(String name) {
    return lookup(name, Path.of("/etc/passwd"), true);
  }

  static Optional<UserAccount> lookup(String name, Path passwd, boolean useGetent) {
    try {
      for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
        Optional<UserAccount> account = parse(line, name);
        if (account.isPresent()) {
          return account;
        }
      }
    } catch (IOException e) {
      // fall through to getent
    }
    return useGetent ? getent(name) : Optional.empty();
  }

  /** Parses one {@code passwd} line if it is {@code name}'s. */
  static Optional<UserAccount> parse(String line, String name) {
    String[] fields = line.split(":", -1);
    if (fields.length < 4 || !fields[0].equals(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new UserAccount(name, Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<UserAccount> getent(String name) {
    if (name.isEmpty() || name.startsWith("-")) {
      return Optional.empty();
    }
    try {
      Process process = new ProcessBuilder(List.of("getent", "passwd", name))
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      byte[] out = process.getInputStream().readNBytes(4096);
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0
          ? parse(new String(out, StandardCharsets.UTF_8).trim(), name)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Returns the user id of this process, from {@code /proc/self/status}, or -1 if unknown. */
  static long currentUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[1]); // effective uid
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return -1;
  }
}
