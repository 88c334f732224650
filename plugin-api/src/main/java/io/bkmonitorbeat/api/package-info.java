/**
 * The bkmonitorbeat plugin API: everything a collector plugin compiles against.
 *
 * <p>A plugin jar contributes one or more {@link io.bkmonitorbeat.api.CollectorProvider}
 * extensions (PF4J {@code @Extension}). Each provider serves one task {@code type} of the
 * bkmonitorbeat configuration ({@code tcp}, {@code snmptrap}, ...). For every configured task of
 * that type the host calls {@link io.bkmonitorbeat.api.CollectorProvider#create} once and then
 * drives the returned {@link io.bkmonitorbeat.api.Collector}: a {@link
 * io.bkmonitorbeat.api.PolledCollector} is called on the task's schedule, a {@link
 * io.bkmonitorbeat.api.StreamingCollector} is started once and closed when the task goes away.
 *
 * <p>Conventions: every parameter and return value is non-null unless its javadoc says otherwise;
 * durations are {@link java.time.Duration}s, instants are {@link java.time.Instant}s; settings keys
 * inside a task are {@code snake_case} exactly as in bkmonitorbeat's YAML. This package depends on
 * the JDK and PF4J only, and follows semantic versioning ({@link io.bkmonitorbeat.api.PluginApi}).
 */
package io.bkmonitorbeat.api;
