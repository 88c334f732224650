package io.bkmonitorbeat.plugin.udp;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.PortProbeEvents;
import io.bkmonitorbeat.probe.PortProbeEvents.Address;
import io.bkmonitorbeat.probe.ProbePool;
import io.bkmonitorbeat.probe.ResolvedTarget;
import io.bkmonitorbeat.probe.TargetResolver;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one udp task (spec 10.3): resolves the targets, then probes every address,
 * in parallel when there are several, and emits one event per address and one failure event per
 * host that did not resolve. The whole run, resolution and every attempt, ends by the task's
 * {@code timeout} or the run's deadline, whichever is first.
 *
 * <p>Thread: {@link #collect} is called by a host worker, never concurrently with itself; the
 * probes of several addresses and the DNS lookups run on a {@link ProbePool}, shut down by
 * {@link #close}. Each probe holds one permit of the context's limiter.
 */
final class UdpCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(UdpCollector.class);
  private static final int MAX_THREADS = 16;

  private final CollectorContext context;
  private final TaskSpec task;
  private final UdpSettings settings;
  private final UdpProbe probe;
  private final ProbePool pool;
  private final PortProbeEvents events;
  private final TargetResolver resolver;

  UdpCollector(CollectorContext context, UdpSettings settings, NameResolver nameResolver) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.probe = new UdpProbe(settings, task.availableDuration(), context::nanoTime);
    this.pool = new ProbePool(context, MAX_THREADS);
    this.events = new PortProbeEvents(context, settings.target().port(), settings.net().customReport());
    this.resolver = new TargetResolver(nameResolver, pool.executor(), context.clock());
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    Instant now = context.clock().instant();
    long startNanos = context.nanoTime();
    Instant byTimeout = now.plus(task.timeout());
    Instant runDeadline = byTimeout.isBefore(deadline) ? byTimeout : deadline;
    long deadlineNanos = startNanos + Math.max(0, Duration.between(now, runDeadline).toNanos());

    List<ResolvedTarget> targets =
        resolver.resolve(
            settings.target().hosts(),
            settings.net().ipFamily(),
            settings.net().dnsCheckMode(),
            runDeadline);
    List<Address> probes = PortProbeEvents.addresses(targets, failure -> {
      log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
      events.emit(events.begin(failure.host(), "")
          .put("times", 0)
          .put("max_times", probe.times())
          .fail(failure.code()));
    });
    pool.probeAll(probes, runDeadline, target -> events.emit(probe.probe(
        () -> events.begin(target),
        new InetSocketAddress(target.address(), settings.target().port()),
        deadlineNanos)));
  }

  @Override
  public void close() {
    pool.close();
  }
}
