package io.bkmonitorbeat.plugin.udp;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.CustomReport;
import io.bkmonitorbeat.probe.IpText;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.ProbePool;
import io.bkmonitorbeat.probe.ResolvedTarget;
import io.bkmonitorbeat.probe.TargetResolver;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private final TargetResolver resolver;

  UdpCollector(CollectorContext context, UdpSettings settings, NameResolver nameResolver) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.probe = new UdpProbe(settings, task.availableDuration(), context::nanoTime);
    this.pool = new ProbePool(context, MAX_THREADS);
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
    List<Target> probes = new ArrayList<>();
    for (ResolvedTarget target : targets) {
      if (target instanceof ResolvedTarget.Failure failure) {
        log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
        emit(begin(failure.host(), "")
            .put("times", 0)
            .put("max_times", probe.times())
            .fail(failure.code()));
      } else {
        for (InetAddress address : ((ResolvedTarget.Addresses) target).addresses()) {
          probes.add(new Target(target.host(), address));
        }
      }
    }
    pool.probeAll(probes, runDeadline, target -> emit(probe.probe(
        () -> begin(target.host(), IpText.format(target.address())),
        new InetSocketAddress(target.address(), settings.target().port()),
        deadlineNanos)));
  }

  private UptimeCheckEvent begin(String host, String resolvedIp) {
    return UptimeCheckEvent.begin(context)
        .put("target_host", host)
        .put("target_port", settings.target().port())
        .put("resolved_ip", resolvedIp);
  }

  private void emit(UptimeCheckEvent result) {
    context
        .sink()
        .emit(
            settings.net().customReport()
                ? CustomReport.forSimpleProbe(result, context.hostIdentity())
                : result.toEvent());
  }

  @Override
  public void close() {
    pool.close();
  }

  /** One address to probe, with the host as configured. */
  private record Target(String host, InetAddress address) {}
}
