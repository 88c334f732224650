package io.bkmonitorbeat.host.cli;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.PluginApi;
import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.host.config.LoadedConfig;
import io.bkmonitorbeat.host.plugin.PluginCatalog;
import io.bkmonitorbeat.host.plugin.PluginStatus;
import io.bkmonitorbeat.host.runtime.Agent;
import io.bkmonitorbeat.host.runtime.AgentOptions;
import io.bkmonitorbeat.host.runtime.HostVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
        return listPlugins(pluginsDir, out);
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
    CountDownLatch stopRequested = new CountDownLatch(1);
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
    return 0;
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

  private static int listPlugins(Path pluginsDir, PrintStream out) {
    try (PluginCatalog catalog = new PluginCatalog(pluginsDir)) {
      catalog.loadAll();
      out.printf("%-16s %-10s %-16s %-8s %s%n", "ID", "VERSION", "PROVIDER", "STATE", "TYPES / FAILURE");
      for (PluginStatus status : catalog.statuses()) {
        out.printf("%-16s %-10s %-16s %-8s %s%n", status.id(), status.version(), status.provider(),
            status.running() ? "STARTED" : "FAILED",
            status.running() ? String.join(",", status.types()) : status.failure());
      }
      return catalog.statuses().stream().allMatch(PluginStatus::running) ? 0 : 1;
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
