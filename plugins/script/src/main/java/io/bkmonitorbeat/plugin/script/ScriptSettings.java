package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of one {@code script} task (spec 10.6), parsed and validated.
 *
 * @param command the command text as configured
 * @param commandLine the command split into stages (local runs only; SSH sends the text)
 * @param userEnv extra environment variables, also used to expand {@code $VAR} in the command
 * @param username run as this local account; empty for the agent's own
 * @param unit the unit of the events' {@code time}
 * @param timeOffset sample timestamps older than now minus this are replaced by now
 * @param ssh where to run the command instead of locally, if set
 */
record ScriptSettings(
    String command,
    CommandLine commandLine,
    Map<String, String> userEnv,
    String username,
    TimestampUnit unit,
    Duration timeOffset,
    Optional<Ssh> ssh) {

  /** {@code time_offset} when it is absent or 0: two years. */
  static final Duration DEFAULT_TIME_OFFSET = Duration.ofDays(2 * 365);
  /** {@code ssh.connect_timeout} when absent (never more than the task's timeout). */
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Validates the components. */
  ScriptSettings {
    Objects.requireNonNull(command, "command");
    userEnv = Map.copyOf(userEnv);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(timeOffset, "timeOffset");
    Objects.requireNonNull(ssh, "ssh");
  }

  /**
   * Where and how to log in for a remote run.
   *
   * @param host the host name or address
   * @param port the TCP port
   * @param user the remote account
   * @param password the password, if password authentication is used
   * @param privateKey the private key file, if key authentication is used
   * @param passphrase the key's passphrase (empty for none)
   * @param knownHosts the known_hosts file the server's host key must be in (strict checking)
   * @param connectTimeout the longest the TCP connect and SSH handshake may take
   */
  record Ssh(String host, int port, String user, Optional<String> password,
      Optional<Path> privateKey, String passphrase, Path knownHosts, Duration connectTimeout) {
    /** Validates the components. */
    Ssh {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(passphrase, "passphrase");
      Objects.requireNonNull(knownHosts, "knownHosts");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Returns {@code user@host:port}, for logs (no secret). */
    String target() {
      return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
      return "Ssh[" + target() + ", key=" + privateKey.orElse(null) + ", password="
          + (password.isPresent() ? "***" : "none") + ", known_hosts=" + knownHosts + "]";
    }
  }

  /**
   * Parses the task's keys.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the file, key and value of a bad setting
   */
  static ScriptSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    String command = settings.string("command", "").trim();
    if (command.isEmpty()) {
      throw settings.error("command", "must name the command to run");
    }
    Map<String, String> userEnv = settings.stringMap("user_env");
    for (String name : userEnv.keySet()) {
      if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0) {
        throw settings.error("user_env", "has a bad variable name '" + name + "'");
      }
    }
    String username = settings.string("username", "").trim();
    TimestampUnit unit = TimestampUnit.of(settings.string("timestamp_unit", "s"));
    Duration timeOffset = settings.duration("time_offset", Duration.ZERO);
    if (timeOffset.isNegative()) {
      throw settings.error("time_offset", "must not be negative");
    }
    if (timeOffset.isZero()) {
      timeOffset = DEFAULT_TIME_OFFSET;
    }
    Optional<Ssh> ssh = settings.has("ssh")
        ? Optional.of(ssh(settings, settings.section("ssh"), task.timeout()))
        : Optional.empty();
    if (ssh.isPresent() && !username.isEmpty()) {
      throw settings.error("username", "runs a local script as another account; for a remote "
          + "command set ssh.user instead");
    }
    CommandLine commandLine = null;
    if (ssh.isEmpty()) {
      try {
        commandLine = CommandLine.parse(command, name -> {
          String value = userEnv.get(name);
          return value != null ? value : System.getenv(name);
        });
      } catch (IllegalArgumentException e) {
        throw settings.error("command", e.getMessage());
      }
    }
    return new ScriptSettings(command, commandLine, userEnv, username, unit, timeOffset, ssh);
  }

  private static Ssh ssh(Settings task, Settings ssh, Duration timeout) {
    String host = ssh.string("host", "").trim();
    if (host.isEmpty()) {
      throw ssh.error("host", "must name the remote host");
    }
    int port = ssh.integer("port", 22);
    if (port < 1 || port > 65535) {
      throw ssh.error("port", "must be a port number from 1 to 65535");
    }
    String user = ssh.string("user", "").trim();
    if (user.isEmpty()) {
      throw ssh.error("user", "must name the remote account");
    }
    Optional<String> password = ssh.string("password").filter(p -> !p.isEmpty());
    Optional<Path> key = ssh.string("private_key").map(String::trim).filter(p -> !p.isEmpty()).map(Path::of);
    if (password.isEmpty() && key.isEmpty()) {
      throw ssh.error("needs private_key or password to log in");
    }
    String knownHosts = ssh.string("known_hosts", "").trim();
    if (knownHosts.isEmpty()) {
      throw ssh.error("known_hosts", "must name a known_hosts file holding the server's host key "
          + "(host keys are always checked)");
    }
    Duration connectTimeout = ssh.duration("connect_timeout", DEFAULT_CONNECT_TIMEOUT);
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw ssh.error("connect_timeout", "must be positive");
    }
    if (connectTimeout.compareTo(timeout) > 0) {
      connectTimeout = timeout;
    }
    for (String unknown : ssh.keys()) {
      if (!java.util.Set.of("host", "port", "user", "password", "private_key", "passphrase",
          "known_hosts", "connect_timeout").contains(unknown)) {
        throw ssh.error(unknown, "is not a key of ssh (host, port, user, password, private_key, "
            + "passphrase, known_hosts, connect_timeout)");
      }
    }
    return new Ssh(host, port, user, password, key, ssh.string("passphrase", ""),
        Path.of(knownHosts), connectTimeout);
  }

  /** The unit of the events' {@code time} ({@code timestamp_unit}). */
  enum TimestampUnit {
    /** Seconds. */
    SECONDS(1_000_000_000L),
    /** Milliseconds. */
    MILLISECONDS(1_000_000L),
    /** Nanoseconds. */
    NANOSECONDS(1L);

    private final long nanos;

    TimestampUnit(long nanos) {
      this.nanos = nanos;
    }

    /** Returns nanoseconds since the epoch in this unit (truncated). */
    long fromNanos(long epochNanos) {
      return Math.floorDiv(epochNanos, nanos);
    }

    /** Returns a time in this unit as nanoseconds since the epoch. */
    long toNanos(long time) {
      return Math.multiplyExact(time, nanos);
    }

    /** {@code s}, {@code ms} or {@code ns}; anything else is milliseconds, as in the original. */
    static TimestampUnit of(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "s" -> SECONDS;
        case "ns" -> NANOSECONDS;
        default -> MILLISECONDS;
      };
    }
  }
}
