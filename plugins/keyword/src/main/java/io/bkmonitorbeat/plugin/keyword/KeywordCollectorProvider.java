package io.bkmonitorbeat.plugin.keyword;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import org.pf4j.Extension;

/** Creates the collectors of {@code type: keyword} tasks. Stateless. */
@Extension
public final class KeywordCollectorProvider implements CollectorProvider {

  @Override
  public String type() {
    return KeywordEvents.TYPE;
  }

  @Override
  public Collector create(CollectorContext context) {
    return new KeywordCollector(context, KeywordSettings.parse(context.task()));
  }
}
