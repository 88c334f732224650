package io.bkmonitorbeat.api;

import org.pf4j.ExtensionPoint;

/**
 * The extension point of a collector plugin: a stateless, named factory of collectors.
 *
 * <p>Implement it in a plugin jar and annotate the class with {@code @org.pf4j.Extension}. PF4J
 * may create a new provider object every time the host asks for extensions, so a provider must
 * keep no state; every resource belongs to the {@link Collector} it creates.
 *
 * <p>Thread: the host calls both methods from its configuration thread, never concurrently for
 * the same provider object.
 *
 * @since 1.0.0
 */
public interface CollectorProvider extends ExtensionPoint {

  /**
   * Returns the task type this provider serves, exactly as it appears as {@code type:} in a child
   * configuration file and as the {@code <type>_task} section of the main file (for example
   * {@code "tcp"} or {@code "snmptrap"}). Two loaded providers may not share a type.
   */
  String type();

  /**
   * Creates the collector of one task. Parse and validate every setting here, and report a bad
   * one with {@link Settings#error}: the host then reports the task as broken and skips it, and
   * the rest of the configuration runs. Do not start threads or open sockets here; do that in the
   * first {@link PolledCollector#collect} or in {@link StreamingCollector#start}.
   *
   * @param context the task's settings and the services the host offers it; the collector may
   *     keep it for its whole life
   * @return a {@link PolledCollector} or a {@link StreamingCollector}
   * @throws ConfigException if the task's settings are invalid
   */
  Collector create(CollectorContext context);
}
