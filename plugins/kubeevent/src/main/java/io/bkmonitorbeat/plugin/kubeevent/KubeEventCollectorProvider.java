package io.bkmonitorbeat.plugin.kubeevent;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: kubeevent} tasks. Stateless. */
@Extension
public final class KubeEventCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return KubeEventRecords.TYPE;
  }

  @Override
  public Collector create(CollectorContext context) {
    return new KubeEventCollector(context, KubeEventSettings.parse(context.task()));
  }
}
