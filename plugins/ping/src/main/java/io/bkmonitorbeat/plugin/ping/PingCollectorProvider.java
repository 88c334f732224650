package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.probe.NameResolver;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: ping} tasks. Stateless. */
@Extension
public final class PingCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "ping";
  }

  @Override
  public Collector create(CollectorContext context) {
    PingSettings settings = PingSettings.parse(context.task());
    return new PingCollector(context, settings, NameResolver.system(), NativeIcmp::open);
  }
}
