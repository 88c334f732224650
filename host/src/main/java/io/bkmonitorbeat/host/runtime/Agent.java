package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.host.config.AgentConfig;
import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.host.config.HostIdWatcher;
import io.bkmonitorbeat.host.config.IncludeDirWatcher;
import io.bkmonitorbeat.host.config.LoadedConfig;
import io.bkmonitorbeat.host.config.PluginsConfig;
import io.bkmonitorbeat.host.plugin.PluginCatalog;
import io.bkmonitorbeat.host.plugin.PluginLeak;
import io.bkmonitorbeat.host.plugin.PluginRefresh;
import io.bkmonitorbeat.host.publish.Output;
import io.bkmonitorbeat.host.publish.Outputs;
import io.bkmonitorbeat.host.schedule.ConcurrencyLimits;
import io.bkmonitorbeat.host.schedule.HostThreadFactory;
import io.bkmonitorbeat.host.schedule.OneShotResult;
import io.bkmonitorbeat.host.schedule.OneShotRunner;
import io.bkmonitorbeat.host.schedule.ScheduledTask;
import io.bkmonitorbeat.host.schedule.Scheduler;
import io.bkmonitorbeat.host.schedule.SchedulerOptions;
import java.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: wires the configuration, the plugins, the scheduler and the output, sends
 * heartbeats, applies reloads and shuts down in bounded steps.
 *
 * <p>Reloads and heartbeats run on one host thread ({@code agent-main}), so they never overlap;
 * {@link #requestReload} only queues a reload and may be called from any thread (signal handler,
 * include-directory watcher, host-id watcher); collectors' requests are coalesced by a {@link
 * ReloadDebouncer} first. Thread-safe.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Duration OUTPUT_FLUSH = Duration.ofSeconds(5);
  /** How long the first heartbeat waits for the GSE agent's answer (the original's start-up wait). */
  private static final Duration AGENT_INFO_WAIT = Duration.ofSeconds(10);
  private static final Duration SELF_METRICS_PERIOD = Duration.ofMinutes(1);
  /** How long a collector's reload request waits for others to join it. */
  private static final Duration PLUGIN_RELOAD_DELAY = Duration.ofSeconds(1);
  /** Quiet time after a change in plugins/ before it is rescanned (the settle time follows). */
  private static final Duration PLUGIN_DIR_DEBOUNCE = Duration.ofMillis(200);
  private static final Duration PLUGIN_DIR_SCAN = Duration.ofSeconds(2);
  /** How many GCs an unloaded plugin's class loader gets to be collected before it is a leak. */
  static final int LEAK_CHECK_GCS = 10;

  private final AgentOptions options;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService main =
      Executors.newSingleThreadScheduledExecutor(new HostThreadFactory("agent-main"));
  private final HostIdWatcher hostIds;
  private final Output output;
  private final PluginCatalog catalog;
  private final EventPipeline pipeline;
  private final ConcurrencyLimits limits;
  private final Scheduler scheduler;
  private final TaskSupervisor supervisor;
  private final GlobalHeartbeat heartbeat;
  private final CheckRunner checkRunner;
  private final ReloadDebouncer pluginReloads;
  private volatile LoadedConfig config;
  private volatile long configLoadedAtSeconds;
  private IncludeDirWatcher includeWatcher; // confined to agent-main after start
  private ScheduledFuture<?> heartbeatTick; // confined to agent-main after start
  private IncludeDirWatcher pluginWatcher; // confined to agent-main after start
  private ScheduledFuture<?> pluginRetry; // confined to agent-main after start
  private volatile Runnable restartHandler = () -> { };

  private Agent(AgentOptions options, LoadedConfig initial) {
    this.options = options;
    this.config = initial;
    AgentConfig agent = initial.agent();
    this.hostIds = new HostIdWatcher(agent.hostId(), new HostThreadFactory("hostid-watcher"),
        changed -> {
          if (!changed.equals(config.hostId())) { // the first read at start is not a change
            requestReload("host-id file changed");
          }
        });
    this.output = Outputs.create(agent.output(), hostIds::current, agent.paths().data());
    this.catalog = new PluginCatalog(catalogOptions(options, initial.agent(), isCheckMode(options, initial)));
    this.pipeline = new EventPipeline(output, enrichment(initial));
    this.limits = new ConcurrencyLimits(agent.concurrencyLimits());
    this.heartbeat = new GlobalHeartbeat(clock);
    boolean checkMode = isCheckMode(options, initial);
    this.scheduler = checkMode ? null : new Scheduler(SchedulerOptions.defaults());
    this.checkRunner = checkMode ? new CheckRunner() : null;
    PeriodicRunner runner = checkMode ? checkRunner : new SchedulerRunner(scheduler);
    // Collectors' reload requests take the same path as SIGUSR1 and the include watcher, on the
    // agent's thread; in check mode there is nothing to reload, so they are refused.
    this.pluginReloads = new ReloadDebouncer(main, PLUGIN_RELOAD_DELAY,
        reasons -> reload("requested by " + reasons));
    AgentView view = new AgentView(
        new IdentitySource(output, () -> enrichment(config), () -> config.agent().identity().bizId()),
        () -> hostIds.current().cmdb(),
        reason -> !checkMode && pluginReloads.request(reason),
        () -> config.agent().bkmonitorbeat());
    this.supervisor = new TaskSupervisor(catalog, runner, limits, pipeline, view,
        agent.paths().data().resolve("state"), !checkMode, TaskSupervisor.STREAMING_RETRY);
  }

  /**
   * Starts an agent on a loaded configuration: output, plugins, tasks, heartbeats and watchers.
   * In check mode the tasks are created but not scheduled; call {@link #runChecks()}.
   */
  public static Agent start(AgentOptions options, LoadedConfig config) {
    Agent agent = new Agent(options, config);
    agent.startUp();
    return agent;
  }

  private void startUp() {
    hostIds.start();
    output.start();
    catalog.loadAll();
    if (scheduler != null) {
      scheduler.start();
    }
    apply(config, "start");
    if (scheduler != null) {
      main.execute(this::startWatchers);
      main.execute(this::startPluginWatcher);
      main.execute(this::writePluginReport);
      main.execute(this::scheduleHeartbeat);
      long period = SELF_METRICS_PERIOD.toMillis();
      main.scheduleAtFixedRate(this::logSelfMetrics, period, period, TimeUnit.MILLISECONDS);
    }
  }

  /** Returns whether this agent runs every task once instead of periodically. */
  public boolean checkMode() {
    return checkRunner != null;
  }

  /**
   * Check mode: runs every polled task once, in ident order, each within its timeout, and returns
   * how many failed (threw, timed out, or could not be created).
   */
  public int runChecks() throws InterruptedException {
    Objects.requireNonNull(checkRunner, "not in check mode");
    int failed = supervisor.problems().size() + config.problems().size();
    try (OneShotRunner runner = new OneShotRunner(1)) {
      for (OneShotResult result : runner.runAll(checkRunner.tasks())) {
        if (!result.succeeded()) {
          failed++;
          log.error("Check of task {} {}: {}", result.ident(), result.outcome(), result.error());
        }
      }
    }
    return failed;
  }

  /** Queues a reload of the configuration file; returns at once. */
  public void requestReload(String why) {
    if (!main.isShutdown()) {
      main.execute(() -> reload(why));
    }
  }

  private void reload(String why) {
    // -reload and SIGUSR1 rescan plugins/ too; the tasks are applied with the new configuration.
    boolean pluginsChanged = refreshPlugins(why, false);
    LoadedConfig next;
    try {
      hostIds.refresh(); // a reload re-reads everything, the host-id file included
      next = ConfigLoader.load(options.configFile(), hostIds.current(), type -> true);
    } catch (ConfigException e) {
      log.error("Reload ({}) rejected, the running configuration stays: {}", why, e.getMessage());
      applyAfterPluginChange(pluginsChanged);
      return;
    } catch (RuntimeException e) {
      log.error("Reload ({}) failed, the running configuration stays", why, e);
      applyAfterPluginChange(pluginsChanged);
      return;
    }
    warnAboutRestartOnlyChanges(config.agent(), next.agent());
    AgentConfig previous = config.agent();
    config = next;
    pipeline.setEnrichment(enrichment(next));
    limits.apply(next.agent().concurrencyLimits());
    apply(next, why);
    writePluginReport();
    if (!previous.include().equals(next.agent().include())) {
      startWatchers();
    }
    if (!previous.heartBeat().equals(next.agent().heartBeat())) {
      scheduleHeartbeat();
    }
  }

  private void apply(LoadedConfig loaded, String why) {
    loaded.warnings().forEach(warning -> log.warn("{}", warning));
    loaded.problems().forEach(problem -> log.warn("Child config {} skipped: {}", problem.file(), problem.reason()));
    TaskSupervisor.ApplyResult result =
        supervisor.apply(loaded.tasks(), loaded.agent().cleanUpTimeout().plusSeconds(3));
    configLoadedAtSeconds = clock.millis() / 1000;
    log.info("Configuration applied ({}): {} tasks added, {} removed, {} unchanged, {} not running",
        why, result.added(), result.removed(), result.kept(),
        result.problems().size() + loaded.problems().size());
  }

  /** Watches plugins/ so an added, removed or replaced jar is seen without a reload. */
  private void startPluginWatcher() {
    if (!config.agent().plugins().watch()) {
      log.info("plugins.watch is off: plugins/ is rescanned on -reload (SIGUSR1) only");
      return;
    }
    pluginWatcher = new IncludeDirWatcher(options.pluginsDir(), false, PLUGIN_DIR_DEBOUNCE,
        PLUGIN_DIR_SCAN, new HostThreadFactory("plugins-watcher"),
        () -> requestPluginRefresh("plugins directory changed"));
    pluginWatcher.start();
    // A jar added or removed between the start-up load and the watcher's first look is seen by
    // this one rescan, once the watcher thread has surely taken its first snapshot.
    main.schedule(() -> { refreshPlugins("plugins watcher started", true); }, 500, TimeUnit.MILLISECONDS);
  }

  /** Queues a rescan of plugins/; returns at once. */
  public void requestPluginRefresh(String why) {
    if (!main.isShutdown()) {
      main.execute(() -> { refreshPlugins(why, true); });
    }
  }

  /**
   * Makes the loaded plugins match plugins/ (on agent-main): the tasks of a plugin that goes are
   * stopped before it unloads, and with {@code applyTasks} the configured tasks of the plugins
   * that came are started. Unloaded plugins are then checked for leaks.
   */
  private boolean refreshPlugins(String why, boolean applyTasks) {
    if (checkMode()) {
      return false;
    }
    Duration stopTimeout = config.agent().cleanUpTimeout().plusSeconds(3);
    PluginRefresh result;
    try {
      result = catalog.refresh(pluginId -> supervisor.releasePlugin(pluginId, stopTimeout));
    } catch (RuntimeException e) {
      log.error("Plugin rescan ({}) failed", why, e);
      return false;
    }
    if (result.anything()) {
      log.info("Plugins rescanned ({}): started {}, stopped {}, rejected {}", why,
          result.loaded(), result.unloaded(), result.failed());
    }
    if (pluginRetry != null) {
      pluginRetry.cancel(false);
      pluginRetry = null;
    }
    result.retryAfter().ifPresent(after -> pluginRetry = main.schedule(
        () -> { refreshPlugins("jar settled", true); }, after.toMillis() + 1, TimeUnit.MILLISECONDS));
    if (result.changed() && applyTasks) {
      apply(config, "plugins changed");
    }
    if (catalog.leakCheckPending()) {
      main.execute(this::checkPluginLeaks);
    }
    writePluginReport();
    return result.changed();
  }

  /** A rejected reload still starts the tasks of plugins its rescan loaded. */
  private void applyAfterPluginChange(boolean pluginsChanged) {
    if (pluginsChanged) {
      apply(config, "plugins changed");
      writePluginReport();
    }
  }

  private void checkPluginLeaks() {
    List<PluginLeak> leaks;
    try {
      leaks = catalog.checkLeaks(LEAK_CHECK_GCS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (leaks.isEmpty()) {
      return;
    }
    writePluginReport();
    if (config.agent().plugins().restartOnLeak()) {
      log.error("plugins.restart_on_leak: exiting with status {} so that the service manager"
          + " restarts the agent with a clean memory", PluginsConfig.RESTART_EXIT_STATUS);
      restartHandler.run();
    }
  }

  /**
   * Sets what happens when the agent asks to be restarted ({@code plugins.restart_on_leak}): the
   * command line shuts the agent down and exits with {@link PluginsConfig#RESTART_EXIT_STATUS}.
   */
  public void onRestartRequest(Runnable handler) {
    this.restartHandler = Objects.requireNonNull(handler, "handler");
  }

  /** Returns the operator's view of the plugins (the {@code plugins} command, self-metrics). */
  public PluginReport pluginReport() {
    return PluginReport.of(catalog.statuses(), supervisor.activeByPlugin(), catalog.leaked());
  }

  private void writePluginReport() {
    Path file = config.agent().paths().data().resolve(PluginReport.FILE_NAME);
    try {
      pluginReport().write(file);
    } catch (IOException | RuntimeException e) {
      log.debug("Cannot write {}: {}", file, e.toString());
    }
  }

  private void startWatchers() {
    if (includeWatcher != null) {
      includeWatcher.close();
      includeWatcher = null;
    }
    config.agent().include().path().ifPresent(dir -> {
      includeWatcher = new IncludeDirWatcher(dir, config.agent().include().recursive(),
          new HostThreadFactory("include-watcher"), () -> requestReload("include directory changed"));
      includeWatcher.start();
    });
  }

  private void scheduleHeartbeat() {
    if (heartbeatTick != null) {
      heartbeatTick.cancel(false);
      heartbeatTick = null;
    }
    var beat = config.agent().heartBeat();
    if (!config.agent().mode().daemonLike() || beat.globalDataId() <= 0) {
      return;
    }
    long period = beat.period().toMillis();
    heartbeatTick = main.scheduleAtFixedRate(this::sendHeartbeat, period, period, TimeUnit.MILLISECONDS);
    if (beat.publishImmediately()) {
      sendWhenReady(System.nanoTime() + AGENT_INFO_WAIT.toNanos());
    }
  }

  /** Sends a heartbeat once the output knows the host (its bk_host_id), or at the deadline. */
  private void sendWhenReady(long deadlineNanos) {
    if (output.ready() || System.nanoTime() >= deadlineNanos) {
      sendHeartbeat();
    } else {
      main.schedule(() -> sendWhenReady(deadlineNanos), 100, TimeUnit.MILLISECONDS);
    }
  }

  private void sendHeartbeat() {
    try {
      LoadedConfig current = config;
      int errorTasks = current.problems().size() + supervisor.problems().size();
      int hostId = output.agentInfo().hostId();
      pipeline.publishDirect(current.agent().heartBeat().globalDataId(), heartbeat.build(
          new GlobalHeartbeat.Snapshot(current.agent().heartBeat().globalDataId(),
              String.valueOf(hostId), current.tasks().size(), configLoadedAtSeconds,
              pipeline.published(), pipeline.errors(), current.configErrorCode(), errorTasks)));
    } catch (RuntimeException e) {
      log.warn("Heartbeat failed", e); // never let the periodic task die
    }
  }

  /** Returns the agent's own counters (see {@link SelfMetrics}). */
  public java.util.Map<String, Object> selfMetrics() {
    java.util.Map<String, Object> metrics = SelfMetrics.snapshot(
        scheduler == null ? null : scheduler.stats(), output.counters(),
        pipeline.counters(), supervisor.activeCount(),
        supervisor.problems().size() + config.problems().size(), catalog.statuses(),
        supervisor.collectorCounters());
    metrics.putAll(pluginReport().metrics());
    metrics.putAll(catalog.counters());
    return metrics;
  }

  private void logSelfMetrics() {
    try {
      log.info("Self-metrics: {}", selfMetrics());
      writePluginReport(); // task counts change with every reload
    } catch (RuntimeException e) {
      log.warn("Self-metrics failed", e);
    }
  }

  /**
   * Shuts down in bounded steps: watchers and heartbeats, the scheduler (in-flight runs get
   * {@code clean_up_timeout}), the collectors, the plugins, then the output (flushing what is
   * queued for a few seconds).
   */
  @Override
  public void close() {
    long start = System.nanoTime();
    main.shutdownNow();
    hostIds.close();
    if (includeWatcher != null) {
      includeWatcher.close();
    }
    if (pluginWatcher != null) {
      pluginWatcher.close();
    }
    Duration drain = config.agent().cleanUpTimeout();
    if (scheduler != null) {
      scheduler.close(drain);
    }
    supervisor.close(drain);
    catalog.close();
    output.close(OUTPUT_FLUSH);
    log.info("Stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  private static PluginCatalog.Options catalogOptions(
      AgentOptions options, AgentConfig agent, boolean checkMode) {
    PluginsConfig plugins = agent.plugins();
    Path trust = plugins.trustFile().orElse(defaultTrustFile(options.pluginsDir()));
    // The daemon (one per data directory, by its pid file) keeps its jar copies under path.data;
    // a -check run uses a temporary directory so it never touches a running daemon's copies.
    Path copies = checkMode ? null : agent.paths().data().resolve("plugin-jars");
    return new PluginCatalog.Options(options.pluginsDir(), trust, copies, plugins.settle());
  }

  /** Returns {@code etc/plugins.trust} of the installation that holds {@code pluginsDir}. */
  public static Path defaultTrustFile(Path pluginsDir) {
    Path home = pluginsDir.toAbsolutePath().normalize().getParent();
    return (home == null ? pluginsDir : home).resolve("etc").resolve("plugins.trust");
  }

  private static boolean isCheckMode(AgentOptions options, LoadedConfig config) {
    return options.checkOnly() || !config.agent().mode().daemonLike();
  }

  private static Enrichment enrichment(LoadedConfig loaded) {
    AgentConfig agent = loaded.agent();
    return new Enrichment(agent.identity().ip(), agent.identity().cloudId(),
        loaded.hostId().cmdbLevels(), agent.hostId().ignoreCmdbLevel());
  }

  private static void warnAboutRestartOnlyChanges(AgentConfig running, AgentConfig next) {
    if (restartOnlyChanged(running, next)) {
      log.warn("output, path, logging and mode changes take effect at the next restart");
    }
  }

  /** Returns whether a section that only a restart applies differs between two configs. */
  static boolean restartOnlyChanged(AgentConfig running, AgentConfig next) {
    return !running.output().asMap().equals(next.output().asMap())
        || !running.paths().equals(next.paths())
        || !running.logging().equals(next.logging())
        || running.mode() != next.mode();
  }

  /** The daemon scheduler as the supervisor's runner. */
  private record SchedulerRunner(Scheduler scheduler) implements PeriodicRunner {
    @Override
    public void add(ScheduledTask task) {
      scheduler.add(task);
    }

    @Override
    public CompletableFuture<Void> remove(String ident) {
      return scheduler.remove(ident);
    }
  }
}
