package io.bkmonitorbeat.plugin.udp;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.probe.NameResolver;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: udp} tasks. Stateless. */
@Extension
public final class UdpCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "udp";
  }

  @Override
  public Collector create(CollectorContext context) {
    UdpSettings settings = UdpSettings.parse(context.task());
    return new UdpCollector(context, settings, NameResolver.system());
  }
}
