package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import java.time.ZoneId;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: script} tasks. Stateless. */
@Extension
public final class ScriptCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "script";
  }

  @Override
  public Collector create(CollectorContext context) {
    ScriptSettings settings = ScriptSettings.parse(context.task());
    CommandRunner runner = settings.ssh().isPresent() ? new SshRunner(settings) : new LocalRunner(settings);
    return new ScriptCollector(context, settings, runner, ZoneId.systemDefault());
  }
}
