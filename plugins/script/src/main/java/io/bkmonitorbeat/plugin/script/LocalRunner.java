package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command on this host (spec 10.6, gap G-10 fixed).
 *
 * <p>Every pipeline stage leads a new session and process group (a {@link StageLauncher}: libc's
 * {@code posix_spawn} with {@code POSIX_SPAWN_SETSID}, or {@code setsid} through the JDK), and
 * only then, for {@code username}, does {@code setpriv --reuid --regid --init-groups --} drop to
 * the account and exec the command, so a stage run as another user keeps its own group (the
 * original lost the group when {@code username} was set, and its timeout kill missed the
 * children). At the timeout every stage's group is killed with SIGKILL, then the runner waits up
 * to 2 s for the stages to exit.
 *
 * <p>Output goes to an unlinked-after-use temporary file rather than a pipe: the last stage's
 * stdout and every stage's stderr are appended to it (so they are captured in one buffer, as in
 * the original), no reader thread is needed, and a background process that keeps the descriptor
 * open cannot hold the run past the exit of the stages. At most {@link #MAX_OUTPUT} bytes are
 * read. Stdin is {@code /dev/null}.
 *
 * <p>Not thread-safe for concurrent runs (the host never overlaps runs of a task); {@link
 * #close()} may be called from any thread.
 */
final class LocalRunner implements CommandRunner {
  private static final Logger log = LoggerFactory.getLogger(LocalRunner.class);
  /** The most output read from one run; the rest is dropped and counted. */
  static final int MAX_OUTPUT = 16 << 20;

  private final ScriptSettings settings;
  private final StageLauncher launcher;
  private final Optional<Path> setpriv;
  private final Map<String, String> environment;
  private final AtomicLong killed = new AtomicLong();
  private final AtomicLong truncated = new AtomicLong();
  private volatile StageLauncher.Stages running;
  private volatile boolean closed;

  /**
   * Creates the runner of one task: libc's posix_spawn when it can be called, else the JDK and
   * {@code setsid}.
   *
   * @param settings the task's settings (its {@code commandLine} is set)
   */
  LocalRunner(ScriptSettings settings) {
    this(settings, NativeLauncher.available() ? new NativeLauncher() : new JdkLauncher(findTool("setsid")),
        findTool("setpriv"));
  }

  LocalRunner(ScriptSettings settings, StageLauncher launcher, Optional<Path> setpriv) {
    this.settings = settings;
    this.launcher = launcher;
    this.setpriv = setpriv;
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(settings.userEnv());
    this.environment = Map.copyOf(env);
  }

  /** Returns how many process groups and processes were killed at timeouts so far. */
  long killedCount() {
    return killed.get();
  }

  /** Returns how many runs printed more than {@link #MAX_OUTPUT} bytes. */
  long truncatedCount() {
    return truncated.get();
  }

  @Override
  public RunResult run(long deadlineNanos) throws InterruptedException {
    List<String> prefix;
    try {
      prefix = prefix();
    } catch (IllegalStateException e) {
      return RunResult.failed(e.getMessage());
    }
    List<List<String>> argvs = new ArrayList<>();
    for (List<String> stage : settings.commandLine().stages()) {
      Optional<Path> executable = Executables.find(stage.get(0), environment.get("PATH"));
      if (executable.isEmpty()) {
        return RunResult.failed("'" + stage.get(0) + "' is not an executable file"
            + (stage.get(0).contains("/") ? "" : " on PATH " + environment.get("PATH")));
      }
      List<String> argv = new ArrayList<>(prefix);
      argv.add(executable.get().toString());
      argv.addAll(stage.subList(1, stage.size()));
      argvs.add(argv);
    }
    Path output;
    try {
      output = Files.createTempFile("bkm-script-", ".out");
    } catch (IOException e) {
      return RunResult.failed("cannot create the output file in " + System.getProperty("java.io.tmpdir") + ": " + e);
    }
    try {
      return runStages(argvs, output, deadlineNanos);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        log.debug("cannot delete {}: {}", output, e.toString());
      }
    }
  }

  private RunResult runStages(List<List<String>> argvs, Path output, long deadlineNanos)
      throws InterruptedException {
    if (closed) {
      return RunResult.failed("the task was stopped");
    }
    StageLauncher.Stages stages;
    try {
      stages = launcher.start(argvs, environment, output);
    } catch (IOException e) {
      return RunResult.failed("cannot start " + settings.commandLine() + ": " + e.getMessage());
    }
    running = stages;
    int[] statuses;
    try {
      statuses = stages.await(deadlineNanos);
      if (statuses == null) {
        killed.addAndGet(stages.kill());
        return RunResult.timedOut("killed at the timeout: " + settings.commandLine());
      }
    } catch (InterruptedException e) {
      killed.addAndGet(stages.kill());
      throw e;
    } finally {
      running = null;
    }
    if (closed) {
      return RunResult.failed("the task was stopped");
    }
    for (int i = 0; i < statuses.length; i++) {
      if (statuses[i] != 0) {
        String stage = statuses.length == 1 ? "" : " (stage " + (i + 1) + ")";
        return RunResult.failed(settings.commandLine() + stage + " exited with status " + statuses[i]
            + describe(statuses[i]) + head(output));
      }
    }
    try (InputStream in = Files.newInputStream(output)) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      if (in.read() >= 0) {
        truncated.incrementAndGet();
        log.debug("{} printed more than {} bytes; the rest is ignored", settings.commandLine(), MAX_OUTPUT);
      }
      return RunResult.completed(bytes);
    } catch (IOException e) {
      return RunResult.failed("cannot read the output of " + settings.commandLine() + ": " + e);
    }
  }

  /** Returns the words before the executable: setsid, and setpriv to drop to the account. */
  private List<String> prefix() {
    List<String> prefix = new ArrayList<>();
    String username = settings.username();
    if (username.isEmpty()) {
      return prefix;
    }
    UserAccount account = UserAccount.lookup(username).orElseThrow(() -> new IllegalStateException(
        "user '" + username + "' does not exist; the script is not run (it never falls back to the agent's own account)"));
    long self = UserAccount.currentUid();
    if (self == account.uid()) {
      return prefix;
    }
    if (self != 0) {
      throw new IllegalStateException("running as user '" + username + "' needs root; the agent runs as uid " + self);
    }
    if (setpriv.isEmpty()) {
      throw new IllegalStateException("running as user '" + username + "' needs setpriv (util-linux) in /usr/bin or /bin");
    }
    prefix.add(setpriv.get().toString());
    prefix.add("--reuid=" + account.uid());
    prefix.add("--regid=" + account.gid());
    prefix.add("--init-groups");
    prefix.add("--");
    return prefix;
  }

  private static String describe(int status) {
    return status > 128 && status < 128 + 65 ? " (killed by signal " + (status - 128) + ")" : "";
  }

  /** Returns the start of the output, for the failure message. */
  private static String head(Path output) {
    try (InputStream in = Files.newInputStream(output)) {
      String text = new String(in.readNBytes(200), java.nio.charset.StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text.replace('\n', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static Optional<Path> findTool(String name) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path path = Path.of(dir, name);
      if (Files.isExecutable(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
    StageLauncher.Stages inFlight = running;
    if (inFlight != null) {
      killed.addAndGet(inFlight.kill());
    }
  }
}
