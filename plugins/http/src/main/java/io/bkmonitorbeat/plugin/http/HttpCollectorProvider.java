package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import io.bkmonitorbeat.probe.NameResolver;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: http} tasks. Stateless. */
@Extension
public final class HttpCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Collector create(CollectorContext context) {
    HttpSettings settings = HttpSettings.parse(context.task());
    return new HttpCollector(context, settings, NameResolver.system(), Tls.system());
  }
}
