package io.bkmonitorbeat.plugin.tcp;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.probe.NameResolver;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: tcp} tasks. Stateless. */
@Extension
public final class TcpCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public Collector create(CollectorContext context) {
    TcpSettings settings = TcpSettings.parse(context.task());
    return new TcpCollector(context, settings, NameResolver.system());
  }
}
