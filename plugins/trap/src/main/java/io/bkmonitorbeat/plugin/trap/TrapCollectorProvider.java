package io.bkmonitorbeat.plugin.trap;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: snmptrap} tasks. Stateless. */
@Extension
public final class TrapCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return TrapEvents.TYPE;
  }

  @Override
  public Collector create(CollectorContext context) {
    return new TrapCollector(context, TrapSettings.parse(context.task()));
  }
}
