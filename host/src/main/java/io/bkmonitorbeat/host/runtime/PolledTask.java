package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.host.plugin.PluginScope;
import io.bkmonitorbeat.host.schedule.ScheduledTask;
import java.time.Duration;
import java.time.Instant;

/**
 * A plugin's polled collector as the scheduler sees it: every run enters the plugin's scope
 * (context class loader, MDC). Thread-safe (runs never overlap; the scheduler ensures it).
 */
final class PolledTask implements ScheduledTask {
  private final TaskSpec spec;
  private final PolledCollector collector;
  private final ClassLoader loader;
  private final String pluginId;

  PolledTask(TaskSpec spec, PolledCollector collector, ClassLoader loader, String pluginId) {
    this.spec = spec;
    this.collector = collector;
    this.loader = loader;
    this.pluginId = pluginId;
  }

  @Override
  public String ident() {
    return spec.ident();
  }

  @Override
  public String type() {
    return spec.type();
  }

  @Override
  public int taskId() {
    return spec.taskId();
  }

  @Override
  public Duration period() {
    return spec.period();
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  @Override
  public void run(Instant deadline) throws Exception {
    try (PluginScope scope = PluginScope.enter(loader, pluginId, spec.label())) {
      collector.collect(deadline);
    }
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
