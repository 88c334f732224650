package io.bkmonitorbeat.plugin.script;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts stages with the JDK's {@link ProcessBuilder}, each as {@code setsid <argv>} so that it
 * leads a new process group (the JDK cannot do that itself). The fallback when libc's {@code
 * posix_spawn} cannot be called; one exec more per stage ({@code jspawnhelper}, then {@code
 * setsid}). The JDK closes the agent's other descriptors in the child.
 */
final class JdkLauncher implements StageLauncher {
  private static final Logger log = LoggerFactory.getLogger(JdkLauncher.class);
  private static final File DEV_NULL = new File("/dev/null");

  private final Optional<Path> setsid;

  JdkLauncher(Optional<Path> setsid) {
    this.setsid = setsid;
    if (setsid.isEmpty()) {
      log.warn("no setsid in /usr/bin or /bin: a timed-out script's processes are killed one by "
          + "one, and children that were re-parented may survive");
    }
  }

  @Override
  public Stages start(List<List<String>> argvs, Map<String, String> environment, Path output) throws IOException {
    List<ProcessBuilder> builders = new ArrayList<>();
    ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(output.toFile());
    for (List<String> argv : argvs) {
      List<String> command = new ArrayList<>();
      setsid.ifPresent(path -> command.add(path.toString()));
      command.addAll(argv);
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(append);
      builder.environment().clear();
      builder.environment().putAll(environment);
      builders.add(builder);
    }
    builders.get(0).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    builders.get(builders.size() - 1).redirectOutput(append);
    List<Process> processes = builders.size() == 1
        ? List.of(builders.get(0).start())
        : ProcessBuilder.startPipeline(builders);
    return new JdkStages(processes);
  }

  /** Stages as JDK processes. */
  private static final class JdkStages implements Stages {
    private final List<Process> processes;

    JdkStages(List<Process> processes) {
      this.processes = processes;
    }

    @Override
    public int[] await(long deadlineNanos) throws InterruptedException {
      for (Process process : processes) {
        long remaining = deadlineNanos - System.nanoTime();
        if (!process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
          return null;
        }
      }
      return processes.stream().mapToInt(Process::exitValue).toArray();
    }

    @Override
    public int kill() {
      int delivered = ProcessGroups.killTrees(processes.stream().map(Process::toHandle).toList());
      long until = System.nanoTime() + ProcessGroups.KILL_WAIT_NANOS;
      for (Process process : processes) {
        try {
          if (!process.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            log.warn("process {} did not exit within 2 s of SIGKILL", process.pid());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return delivered;
    }
  }
}
