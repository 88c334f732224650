package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: metricbeat} tasks. Stateless. */
@Extension
public final class MetricbeatCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "metricbeat";
  }

  @Override
  public Collector create(CollectorContext context) {
    return new MetricbeatCollector(context, MetricbeatSettings.parse(context.task()));
  }
}
