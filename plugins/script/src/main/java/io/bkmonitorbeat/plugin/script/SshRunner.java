package io.bkmonitorbeat.plugin.script;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the command on a remote host over SSH (JSch), for devices where no agent can be installed
 * (like Zabbix's {@code ssh.run}).
 *
 * <p>Each run opens a session, checks the server's host key strictly against the configured
 * known_hosts file (an unknown or changed key fails the run and is counted, never accepted),
 * logs in with the private key or the password, runs the command in an exec channel (the remote
 * account's shell interprets it, so shell syntax works there; {@code user_env} is prefixed as
 * {@code export NAME='value';}), and collects stdout and stderr into one buffer, as locally.
 * The connect and handshake are bounded by {@code ssh.connect_timeout}, the whole run by the
 * task's timeout: at the timeout the runner asks the server to KILL the command (servers that
 * support signal requests do) and closes the session.
 *
 * <p>Not thread-safe for concurrent runs; {@link #close()} may be called from any thread.
 */
final class SshRunner implements CommandRunner {
  private static final Logger log = LoggerFactory.getLogger(SshRunner.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final ScriptSettings.Ssh ssh;
  private final String command;
  private final AtomicLong hostKeyRejected = new AtomicLong();
  private final AtomicLong truncated = new AtomicLong();
  private volatile Session current;
  private volatile boolean closed;

  SshRunner(ScriptSettings settings) {
    this.ssh = settings.ssh().orElseThrow();
    this.command = remoteCommand(settings.command(), settings.userEnv());
  }

  /** Returns how many runs failed because the host key was unknown or had changed. */
  long hostKeyRejectedCount() {
    return hostKeyRejected.get();
  }

  /** Returns how many runs printed more than {@link LocalRunner#MAX_OUTPUT} bytes. */
  long truncatedCount() {
    return truncated.get();
  }

  /** Prefixes the environment as POSIX shell assignments, single-quoted. */
  static String remoteCommand(String command, Map<String, String> env) {
    if (env.isEmpty()) {
      return command;
    }
    StringBuilder text = new StringBuilder();
    env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> text.append("export ")
        .append(e.getKey()).append("='").append(e.getValue().replace("'", "'\\''")).append("'; "));
    return text.append(command).toString();
  }

  @Override
  public RunResult run(long deadlineNanos) throws InterruptedException {
    if (!Files.isReadable(ssh.knownHosts())) {
      return RunResult.failed("ssh " + ssh.target() + ": known_hosts file " + ssh.knownHosts() + " is not readable");
    }
    Session session = null;
    ChannelExec channel = null;
    try {
      JSch jsch = new JSch();
      jsch.setKnownHosts(ssh.knownHosts().toString());
      if (ssh.privateKey().isPresent()) {
        byte[] passphrase = ssh.passphrase().isEmpty() ? null : ssh.passphrase().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        jsch.addIdentity(ssh.privateKey().get().toString(), passphrase);
      }
      session = jsch.getSession(ssh.user(), ssh.host(), ssh.port());
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", authentications());
      ssh.password().ifPresent(session::setPassword);
      session.setUserInfo(new PasswordInfo(ssh.password().orElse(null)));
      session.setDaemonThread(true);
      current = session;
      if (closed) {
        return RunResult.failed("the task was stopped");
      }
      long connectMillis = Math.min(ssh.connectTimeout().toMillis(), millisUntil(deadlineNanos));
      if (connectMillis <= 0) {
        return RunResult.timedOut("ssh " + ssh.target() + ": no time left to connect");
      }
      session.setTimeout((int) Math.max(1, millisUntil(deadlineNanos)));
      session.connect((int) connectMillis);

      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(null);
      CappedBuffer output = new CappedBuffer(LocalRunner.MAX_OUTPUT);
      channel.setOutputStream(output, true);
      channel.setErrStream(output, true);
      long channelMillis = millisUntil(deadlineNanos);
      if (channelMillis <= 0) {
        return RunResult.timedOut("ssh " + ssh.target() + ": no time left to run the command");
      }
      channel.connect((int) channelMillis);
      while (!channel.isClosed()) {
        if (System.nanoTime() - deadlineNanos >= 0) {
          kill(channel);
          return RunResult.timedOut("ssh " + ssh.target() + ": killed at the timeout: " + command);
        }
        TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
      }
      int status = channel.getExitStatus();
      if (output.overflowed()) {
        truncated.incrementAndGet();
      }
      if (status != 0) {
        String head = new String(output.bytes(), 0, Math.min(200, output.bytes().length),
            java.nio.charset.StandardCharsets.UTF_8).strip().replace('\n', ' ');
        return RunResult.failed("ssh " + ssh.target() + ": " + command + " exited with status " + status
            + (status == -1 ? " (no exit status: the server closed the channel)" : "")
            + (head.isEmpty() ? "" : ": " + head));
      }
      return RunResult.completed(output.bytes());
    } catch (JSchHostKeyException e) {
      hostKeyRejected.incrementAndGet();
      return RunResult.failed("ssh " + ssh.target() + ": host key rejected (checked against "
          + ssh.knownHosts() + "): " + e.getMessage());
    } catch (JSchException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted during ssh " + ssh.target());
      }
      if (System.nanoTime() - deadlineNanos >= 0) {
        return RunResult.timedOut("ssh " + ssh.target() + ": " + e.getMessage());
      }
      return RunResult.failed("ssh " + ssh.target() + ": " + e.getMessage());
    } finally {
      if (channel != null) {
        channel.disconnect();
      }
      if (session != null) {
        session.disconnect();
      }
      current = null;
    }
  }

  private String authentications() {
    if (ssh.privateKey().isPresent() && ssh.password().isPresent()) {
      return "publickey,password,keyboard-interactive";
    }
    return ssh.privateKey().isPresent() ? "publickey" : "password,keyboard-interactive";
  }

  private void kill(ChannelExec channel) {
    try {
      channel.sendSignal("KILL");
    } catch (Exception e) {
      log.debug("ssh {}: signal request failed: {}", ssh.target(), e.toString());
    }
  }

  private static long millisUntil(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
  }

  @Override
  public void close() {
    closed = true;
    Session session = current;
    if (session != null) {
      session.disconnect();
    }
  }

  /** Answers password and keyboard-interactive prompts with the configured password; nothing else. */
  private static final class PasswordInfo implements UserInfo, UIKeyboardInteractive {
    private final String password;

    PasswordInfo(String password) {
      this.password = password;
    }

    @Override
    public String getPassphrase() {
      return null;
    }

    @Override
    public String getPassword() {
      return password;
    }

    @Override
    public boolean promptPassword(String message) {
      return password != null;
    }

    @Override
    public boolean promptPassphrase(String message) {
      return false;
    }

    @Override
    public boolean promptYesNo(String message) {
      return false; // never accept an unknown host key interactively
    }

    @Override
    public void showMessage(String message) {
      log.debug("ssh server message: {}", message);
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction,
        String[] prompt, boolean[] echo) {
      if (password == null) {
        return null;
      }
      String[] answers = new String[prompt.length];
      Arrays.fill(answers, password);
      return answers;
    }
  }

  /** A thread-safe byte buffer that keeps the first {@code limit} bytes written to it. */
  static final class CappedBuffer extends OutputStream {
    private final int limit;
    private byte[] data = new byte[256];
    private int size;
    private boolean overflowed;

    CappedBuffer(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      int kept = Math.min(length, limit - size);
      if (kept < length) {
        overflowed = true;
      }
      if (kept <= 0) {
        return;
      }
      if (size + kept > data.length) {
        data = Arrays.copyOf(data, Math.min(limit, Math.max(size + kept, data.length * 2)));
      }
      System.arraycopy(bytes, offset, data, size, kept);
      size += kept;
    }

    synchronized byte[] bytes() {
      return Arrays.copyOf(data, size);
    }

    synchronized boolean overflowed() {
      return overflowed;
    }
  }
}
