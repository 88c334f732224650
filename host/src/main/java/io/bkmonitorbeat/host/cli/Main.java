package io.bkmonitorbeat.host.cli;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.PluginApi;
import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.host.config.LoadedConfig;
import io.bkmonitorbeat.host.plugin.PluginCatalog;
import io.bkmonitorbeat.host.config.PluginsConfig;
import io.bkmonitorbeat.host.runtime.Agent;
import io.bkmonitorbeat.host.runtime.AgentOptions;
import io.bkmonitorbeat.host.runtime.HostVersion;
import io.bkmonitorbeat.host.runtime.PluginReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bin/bkmonitorbeat} entry point. Exit codes: 0 success, 1 a failure at run time
 * (invalid configuration, another instance running, a failed check), 2 bad command line.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bkmonitorbeat: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return 2;
    }
    Path home = Path.of(System.getProperty("bkm.home", "."));
    Path configFile = commandLine.config().orElse(home.resolve("etc/bkmonitorbeat.yml"));
    Path pluginsDir = Path.of(System.getProperty("bkm.plugins", home.resolve("plugins").toString()));
    switch (commandLine.command()) {
      case HELP -> {
        out.print(CommandLine.USAGE);
        return 0;
      }
      case VERSION -> {
        out.println("bkmonitorbeat " + HostVersion.get() + " (plugin API " + PluginApi.VERSION + ")");
        return 0;
      }
      case PLUGINS -> {
        return listPlugins(configFile, pluginsDir, out);
      }
      default -> { }
    }
    LoadedConfig config;
    try {
      config = ConfigLoader.load(configFile, null, type -> true);
    } catch (ConfigException e) {
      err.println("bkmonitorbeat: invalid configuration: " + e.getMessage());
      return 1;
    }
    if (commandLine.command() == CommandLine.Command.RELOAD) {
      return reload(config, out, err);
    }
    LoggingSetup.apply(config.agent().logging());
    boolean check = commandLine.command() == CommandLine.Command.CHECK
        || !config.agent().mode().daemonLike();
    return check ? runCheck(configFile, pluginsDir, config, err) : runDaemon(configFile, pluginsDir, config, err);
  }

  private static int runDaemon(Path configFile, Path pluginsDir, LoadedConfig config, PrintStream err) {
    PidFile pidFile;
    try {
      pidFile = PidFile.acquire(config.agent().paths().pidFile());
    } catch (IOException e) {
      err.println("bkmonitorbeat: " + e.getMessage());
      return 1;
    }
    Agent agent;
    try {
      agent = Agent.start(new AgentOptions(configFile, pluginsDir, false), config);
    } catch (ConfigException e) {
      err.println("bkmonitorbeat: invalid configuration: " + e.getMessage());
      closeQuietly(pidFile);
      return 1;
    }
    AtomicInteger exitStatus = new AtomicInteger();
    CountDownLatch stopRequested = new CountDownLatch(1);
    agent.onRestartRequest(() -> {
      exitStatus.set(PluginsConfig.RESTART_EXIT_STATUS);
      stopRequested.countDown();
    });
    AtomicBoolean closed = new AtomicBoolean();
    Runnable shutdown = () -> {
      if (closed.compareAndSet(false, true)) {
        log.info("Shutting down");
        agent.close();
        closeQuietly(pidFile);
      }
    };
    // SIGTERM/SIGINT end the wait below, so the process shuts down in order and exits 0; the hook
    // covers every other way the JVM may be asked to exit.
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "shutdown"));
    Signals.handle("TERM", stopRequested::countDown);
    Signals.handle("INT", stopRequested::countDown);
    Signals.handle("USR1", () -> agent.requestReload("SIGUSR1"));
    log.info("bkmonitorbeat {} started (pid {})", HostVersion.get(), ProcessHandle.current().pid());
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdown.run();
    return exitStatus.get();
  }

  private static int runCheck(Path configFile, Path pluginsDir, LoadedConfig config, PrintStream err) {
    try (Agent agent = Agent.start(new AgentOptions(configFile, pluginsDir, true), config)) {
      int failed = agent.runChecks();
      if (failed > 0) {
        err.println("bkmonitorbeat: " + failed + " task(s) failed the check (see the log)");
        return 1;
      }
      return 0;
    } catch (ConfigException e) {
      err.println("bkmonitorbeat: invalid configuration: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int reload(LoadedConfig config, PrintStream out, PrintStream err) {
    Path pidFile = config.agent().paths().pidFile();
    try {
      long pid = PidFile.read(pidFile);
      if (Signals.sendUsr1(pid)) {
        out.println("Done: reload signalled to pid " + pid);
        return 0;
      }
      err.println("Fail: no process " + pid + " (from " + pidFile + ")");
    } catch (IOException e) {
      err.println("Fail: " + e.getMessage());
    }
    return 1;
  }

  /**
   * Prints the plugins: the running agent's view (from its {@code plugins.json}, with task counts)
   * when the pid file names a live process, else what a fresh load of {@code plugins/} finds.
   * Exit status 1 when a plugin failed or leaked.
   */
  private static int listPlugins(Path configFile, Path pluginsDir, PrintStream out) {
    LoadedConfig config = null;
    try {
      config = ConfigLoader.load(configFile, null, type -> true);
    } catch (ConfigException e) {
      out.println("(configuration " + configFile + " not readable, listing " + pluginsDir + ")");
    }
    if (config != null) {
      Path state = config.agent().paths().data().resolve(PluginReport.FILE_NAME);
      try {
        long pid = PidFile.read(config.agent().paths().pidFile());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Files.exists(state)) {
          PluginReport report = PluginReport.read(state);
          out.println("Plugins of the running agent (pid " + pid + "):");
          report.print(out);
          return report.healthy() ? 0 : 1;
        }
      } catch (IOException e) {
        // no running agent: list the directory
      }
    }
    Path trust = config == null ? Agent.defaultTrustFile(pluginsDir)
        : config.agent().plugins().trustFile().orElse(Agent.defaultTrustFile(pluginsDir));
    try (PluginCatalog catalog = new PluginCatalog(
        new PluginCatalog.Options(pluginsDir, trust, null, Duration.ZERO))) {
      catalog.loadAll();
      PluginReport report = PluginReport.of(catalog.statuses(), null, List.of());
      report.print(out);
      return report.healthy() ? 0 : 1;
    }
  }

  private static void closeQuietly(PidFile pidFile) {
    try {
      pidFile.close();
    } catch (IOException e) {
      log.warn("Cannot remove the pid file", e);
    }
  }
}
