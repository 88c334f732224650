package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.StreamingCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.host.plugin.LoadedProvider;
import io.bkmonitorbeat.host.plugin.PluginCatalog;
import io.bkmonitorbeat.host.plugin.PluginScope;
import io.bkmonitorbeat.host.plugin.TrackedThreadFactory;
import io.bkmonitorbeat.host.schedule.ConcurrencyLimits;
import io.bkmonitorbeat.host.schedule.HostThreadFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the running collectors equal to the configured tasks. {@link #apply} diffs by ident:
 * unchanged tasks keep their collector and schedule, vanished ones are stopped and closed, new
 * ones are created by their plugin and started. A task that cannot run (no plugin serves its
 * type, invalid settings, a plugin that throws) becomes a {@link TaskProblem} and the rest runs.
 * A streaming collector whose {@code start()} fails is recreated and retried every 10 s, as the
 * original's listen scheduler does.
 *
 * <p>Thread-safe: {@link #apply} and {@link #close} are serialised by a lock.
 */
final class TaskSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskSupervisor.class);
  /** How long after a failed start a streaming task is tried again (the listen scheduler's 10 s). */
  static final Duration STREAMING_RETRY = Duration.ofSeconds(10);
  private static final Duration THREAD_GRACE = Duration.ofSeconds(1);

  private final PluginCatalog catalog;
  private final PeriodicRunner runner;
  private final ConcurrencyLimits limiters;
  private final EventPipeline pipeline;
  private final AgentView agent;
  private final Path stateRoot;
  private final boolean runStreaming;
  private final Duration streamingRetry;
  private final ScheduledExecutorService restarts;
  private final Object lock = new Object();
  private final Map<String, ActiveTask> active = new LinkedHashMap<>();
  private volatile List<TaskProblem> problems = List.of();

  /** @param agent what the collectors see of the agent */
  TaskSupervisor(
      PluginCatalog catalog,
      PeriodicRunner runner,
      ConcurrencyLimits limiters,
      EventPipeline pipeline,
      AgentView agent,
      Path stateRoot,
      boolean runStreaming,
      Duration streamingRetry) {
    this.agent = agent;
    this.catalog = catalog;
    this.runner = runner;
    this.limiters = limiters;
    this.pipeline = pipeline;
    this.stateRoot = stateRoot;
    this.runStreaming = runStreaming;
    this.streamingRetry = streamingRetry;
    this.restarts = Executors.newSingleThreadScheduledExecutor(new HostThreadFactory("streaming-restart"));
  }

  /** The outcome of one {@link #apply}. */
  record ApplyResult(int added, int removed, int kept, List<TaskProblem> problems) {}

  /** Makes the running collectors match {@code tasks}; returns what changed. */
  ApplyResult apply(List<TaskSpec> tasks, Duration stopTimeout) {
    synchronized (lock) {
      Map<String, TaskSpec> desired = new LinkedHashMap<>();
      tasks.forEach(task -> desired.putIfAbsent(task.ident(), task));
      List<ActiveTask> gone = new ArrayList<>();
      active.values().removeIf(task -> {
        // A task whose type is now served by another plugin (or none) is restarted on the
        // current provider; normally the catalog has already released it before the swap.
        boolean vanished = !desired.containsKey(task.spec.ident())
            || catalog.provider(task.spec.type()).orElse(null) != task.provider;
        if (vanished) {
          gone.add(task);
        }
        return vanished;
      });
      stop(gone, stopTimeout);
      int kept = 0;
      List<TaskProblem> found = new ArrayList<>();
      for (TaskSpec spec : desired.values()) {
        if (active.containsKey(spec.ident())) {
          kept++;
        } else {
          start(spec, found);
        }
      }
      problems = List.copyOf(found);
      return new ApplyResult(desired.size() - kept - found.size(), gone.size(), kept, problems);
    }
  }

  /** Returns the tasks of the last {@link #apply} that do not run, and why. */
  List<TaskProblem> problems() {
    return problems;
  }

  /** Returns how many tasks run, by type. */
  Map<String, Integer> activeByType() {
    synchronized (lock) {
      Map<String, Integer> counts = new TreeMap<>();
      active.values().forEach(task -> counts.merge(task.spec.type(), 1, Integer::sum));
      return counts;
    }
  }

  /**
   * Stops and closes every task of plugin {@code pluginId} (the plugin is about to be unloaded),
   * waiting at most {@code timeout} for in-flight runs; returns how many were stopped. The next
   * {@link #apply} starts them again if a plugin then serves their type.
   */
  int releasePlugin(String pluginId, Duration timeout) {
    synchronized (lock) {
      List<ActiveTask> gone = new ArrayList<>();
      active.values().removeIf(task -> {
        boolean ofPlugin = task.provider.pluginId().equals(pluginId);
        if (ofPlugin) {
          gone.add(task);
        }
        return ofPlugin;
      });
      stop(gone, timeout);
      if (!gone.isEmpty()) {
        log.info("Stopped {} task(s) of plugin '{}'", gone.size(), pluginId);
      }
      return gone.size();
    }
  }

  /** Returns how many tasks run, by plugin id. */
  Map<String, Integer> activeByPlugin() {
    synchronized (lock) {
      Map<String, Integer> counts = new TreeMap<>();
      active.values().forEach(task -> counts.merge(task.provider.pluginId(), 1, Integer::sum));
      return counts;
    }
  }

  /**
   * Sums the running collectors' own counters ({@link Collector#counters()}) over the tasks of each
   * type, named {@code <type>_<counter>}. A collector whose counters throw is left out (and logged).
   */
  Map<String, Long> collectorCounters() {
    List<ActiveTask> tasks;
    synchronized (lock) {
      tasks = new ArrayList<>(active.values());
    }
    Map<String, Long> sums = new TreeMap<>();
    for (ActiveTask task : tasks) {
      Collector collector = task.collector;
      if (collector == null) {
        continue;
      }
      Map<String, Long> counters;
      try (PluginScope scope = task.scope()) {
        counters = collector.counters();
      } catch (RuntimeException | LinkageError e) {
        log.debug("Counters of task {} failed", task.spec.label(), e);
        continue;
      }
      counters.forEach((name, value) -> sums.merge(task.spec.type() + "_" + name, value, Long::sum));
    }
    return sums;
  }

  /** Returns how many tasks run. */
  int activeCount() {
    synchronized (lock) {
      return active.size();
    }
  }

  /** Stops and closes every collector, waiting at most {@code timeout} for in-flight runs. */
  void close(Duration timeout) {
    synchronized (lock) {
      List<ActiveTask> all = new ArrayList<>(active.values());
      active.clear();
      stop(all, timeout);
      restarts.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void start(TaskSpec spec, List<TaskProblem> found) {
    String where = spec.source().file() + " " + spec.settings().path() + " (" + spec.label() + ")";
    LoadedProvider provider = catalog.provider(spec.type()).orElse(null);
    if (provider == null) {
      found.add(new TaskProblem(where, "no plugin serves task type '" + spec.type() + "'"));
      log.warn("Task {} skipped: no plugin serves task type '{}'", where, spec.type());
      return;
    }
    ActiveTask task = new ActiveTask(spec, provider, newContext(spec, provider));
    try {
      task.collector = create(task);
    } catch (ConfigException e) {
      found.add(new TaskProblem(where, e.getMessage()));
      log.warn("Task {} skipped: {}", where, e.getMessage());
      return;
    } catch (Exception | LinkageError e) {
      String reason = "plugin '" + provider.pluginId() + "' failed to create the collector: " + e;
      found.add(new TaskProblem(where, reason));
      log.warn("Task {} skipped: {}", where, reason, e);
      return;
    }
    active.put(spec.ident(), task);
    if (task.collector instanceof PolledCollector polled) {
      runner.add(new PolledTask(spec, polled, provider.classLoader(), provider.pluginId()));
    } else if (runStreaming) {
      startStreaming(task);
    }
  }

  private TaskContext newContext(TaskSpec spec, LoadedProvider provider) {
    TrackedThreadFactory threads = new TrackedThreadFactory(
        "collector-" + spec.type() + "-" + spec.taskId(), provider.classLoader());
    return new TaskContext(spec, pipeline::publish, threads, stateRoot,
        limiters.forTask(spec.type(), spec.ident()), agent);
  }

  private Collector create(ActiveTask task) {
    try (PluginScope scope = task.scope()) {
      Collector collector = task.provider.provider().create(task.context);
      if (collector == null) {
        throw new IllegalStateException("create() returned null");
      }
      return collector;
    }
  }

  private void startStreaming(ActiveTask task) {
    try (PluginScope scope = task.scope()) {
      ((StreamingCollector) task.collector).start();
      log.info("Streaming task {} started", task.spec.label());
    } catch (Exception | LinkageError e) {
      log.warn("Streaming task {} failed to start, retrying in {}s",
          task.spec.label(), streamingRetry.toSeconds(), e);
      closeCollector(task);
      task.restart = restarts.schedule(() -> restart(task), streamingRetry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void restart(ActiveTask task) {
    synchronized (lock) {
      if (active.get(task.spec.ident()) != task) {
        return; // removed meanwhile
      }
      try {
        task.collector = create(task);
        startStreaming(task);
      } catch (Exception | LinkageError e) {
        log.warn("Streaming task {} cannot be recreated, retrying in {}s",
            task.spec.label(), streamingRetry.toSeconds(), e);
        task.restart = restarts.schedule(() -> restart(task), streamingRetry.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void stop(List<ActiveTask> tasks, Duration timeout) {
    List<CompletableFuture<Void>> idle = new ArrayList<>();
    for (ActiveTask task : tasks) {
      if (task.restart != null) {
        task.restart.cancel(false);
      }
      if (task.collector instanceof PolledCollector) {
        idle.add(runner.remove(task.spec.ident()));
      }
    }
    try {
      CompletableFuture.allOf(idle.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Some removed tasks still had a run in flight after {}ms; closing them anyway",
          timeout.toMillis());
    }
    for (ActiveTask task : tasks) {
      closeCollector(task);
      limiters.forget(task.spec.ident());
      reportSurvivingThreads(task);
    }
  }

  private void closeCollector(ActiveTask task) {
    Collector collector = task.collector;
    if (collector == null) {
      return;
    }
    try (PluginScope scope = task.scope()) {
      collector.close();
    } catch (Exception | LinkageError e) {
      log.warn("Collector of task {} failed to close", task.spec.label(), e);
    }
  }

  private void reportSurvivingThreads(ActiveTask task) {
    try {
      List<String> alive = task.context.threads().awaitTermination(THREAD_GRACE);
      if (!alive.isEmpty()) {
        log.warn("Task {} of plugin '{}' left threads running after close(): {}",
            task.spec.label(), task.provider.pluginId(), alive);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A running task; mutable fields are guarded by the supervisor's lock. */
  private static final class ActiveTask {
    final TaskSpec spec;
    final LoadedProvider provider;
    final TaskContext context;
    Collector collector;
    ScheduledFuture<?> restart;

    ActiveTask(TaskSpec spec, LoadedProvider provider, TaskContext context) {
      this.spec = spec;
      this.provider = provider;
      this.context = context;
    }

    PluginScope scope() {
      return PluginScope.enter(provider.classLoader(), provider.pluginId(), spec.label());
    }
  }
}
