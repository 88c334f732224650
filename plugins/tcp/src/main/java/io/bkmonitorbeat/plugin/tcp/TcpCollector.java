package io.bkmonitorbeat.plugin.tcp;

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
 * The collector of one tcp task (spec 10.2): resolves the targets, then probes every address,
 * in parallel when there are several, and emits one event per address and one failure event per
 * host that did not resolve.
 *
 * <p>Thread: {@link #collect} is called by a host worker, never concurrently with itself; the
 * probes of several addresses and the DNS lookups run on a {@link ProbePool}, shut down by
 * {@link #close}. Each probe holds one permit of the context's limiter.
 */
final class TcpCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(TcpCollector.class);
  private static final int MAX_THREADS = 16;

  private final CollectorContext context;
  private final TaskSpec task;
  private final TcpSettings settings;
  private final TcpProbe probe;
  private final TargetResolver resolver;
  private final ProbePool pool;
  private final PortProbeEvents events;

  TcpCollector(CollectorContext context, TcpSettings settings, NameResolver nameResolver) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.probe =
        new TcpProbe(
            settings.matcher(),
            settings.net().bufferSize(),
            task.availableDuration(),
            context::nanoTime);
    this.pool = new ProbePool(context, MAX_THREADS);
    this.events = new PortProbeEvents(context, settings.port(), settings.net().customReport());
    this.resolver = new TargetResolver(nameResolver, pool.executor(), context.clock());
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    List<ResolvedTarget> targets =
        resolver.resolve(
            settings.hosts(), settings.net().ipFamily(), settings.net().dnsCheckMode(), deadline);
    List<Address> probes = PortProbeEvents.addresses(targets, failure -> {
      log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
      events.emit(events.begin(failure.host(), "").fail(failure.code()));
    });
    pool.probeAll(probes, deadline, target -> probeOne(target, deadline));
  }

  private void probeOne(Address target, Instant deadline) throws InterruptedException {
    UptimeCheckEvent result = events.begin(target);
    long now = context.nanoTime();
    long untilRunDeadline = Duration.between(context.clock().instant(), deadline).toNanos();
    long deadlineNanos = now + Math.min(task.timeout().toNanos(), untilRunDeadline);
    probe.probe(result, new InetSocketAddress(target.address(), settings.port()), deadlineNanos);
    events.emit(result);
  }

  @Override
  public void close() {
    pool.close();
  }
}
