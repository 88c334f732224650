package com.acme.bkm.loadavg;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.CollectorProvider;
import java.nio.file.Path;
import org.pf4j.Extension;

/**
 * The task type {@code vendor_loadavg}: one event per run with the 1, 5 and 15 minute load
 * averages. The provider is a stateless factory; the agent calls {@link #create} once per
 * configured task, with that task's settings.
 *
 * <pre>
 * bkmonitorbeat:
 *   vendor_loadavg_task:
 *     dataid: 1500100
 *     tasks:
 *       - task_id: 1
 *         period: 1m
 *         path: /proc/loadavg   # optional
 * </pre>
 */
@Extension
public class LoadAvgProvider implements CollectorProvider {

  @Override
  public String type() {
    return "vendor_loadavg";
  }

  @Override
  public Collector create(CollectorContext context) {
    // Validate every setting here: a bad value becomes a clear error naming file, key and value,
    // and the task does not start (the others do).
    String path = context.task().settings().string("path", "/proc/loadavg");
    if (!path.startsWith("/")) {
      throw context.task().settings().error("path", "must be an absolute path");
    }
    return new LoadAvgCollector(context, Path.of(path));
  }
}
