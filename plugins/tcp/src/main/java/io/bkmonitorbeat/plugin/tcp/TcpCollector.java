package io.bkmonitorbeat.plugin.tcp;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.CustomReport;
import io.bkmonitorbeat.probe.IpText;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.ResolvedTarget;
import io.bkmonitorbeat.probe.TargetResolver;
import io.bkmonitorbeat.probe.UptimeCheckEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one tcp task (spec 10.2): resolves the targets, then probes every address,
 * in parallel when there are several, and emits one event per address and one failure event per
 * host that did not resolve.
 *
 * <p>Thread: {@link #collect} is called by a host worker, never concurrently with itself; the
 * probes of several addresses and the DNS lookups run on a small pool made by the context's
 * thread factory, created on first need and shut down by {@link #close}.
 */
final class TcpCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(TcpCollector.class);
  private static final int MAX_THREADS = 16;

  private final CollectorContext context;
  private final TaskSpec task;
  private final TcpSettings settings;
  private final TcpProbe probe;
  private final TargetResolver resolver;
  private final Object lock = new Object();
  private ThreadPoolExecutor pool; // guarded by lock
  private boolean closed; // guarded by lock

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
    this.resolver =
        new TargetResolver(nameResolver, command -> pool().execute(command), context.clock());
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    List<ResolvedTarget> targets =
        resolver.resolve(
            settings.hosts(), settings.net().ipFamily(), settings.net().dnsCheckMode(), deadline);
    List<Target> probes = new ArrayList<>();
    for (ResolvedTarget target : targets) {
      if (target instanceof ResolvedTarget.Failure failure) {
        log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
        emit(begin(failure.host(), "").fail(failure.code()));
      } else {
        for (InetAddress address : ((ResolvedTarget.Addresses) target).addresses()) {
          probes.add(new Target(target.host(), address));
        }
      }
    }
    if (probes.size() == 1) {
      probeOne(probes.get(0), deadline);
    } else if (!probes.isEmpty()) {
      probeInParallel(probes, deadline);
    }
  }

  private void probeInParallel(List<Target> targets, Instant deadline) throws Exception {
    List<Future<?>> futures = new ArrayList<>(targets.size());
    for (Target target : targets) {
      futures.add(
          pool().submit(
              () -> {
                probeOne(target, deadline);
                return null;
              }));
    }
    Exception failure = null;
    try {
      for (Future<?> future : futures) {
        long waitNanos = Duration.between(context.clock().instant(), deadline).toNanos();
        try {
          future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          if (failure == null && e.getCause() instanceof Exception cause) {
            failure = cause;
          } else if (e.getCause() instanceof Error error) {
            throw error;
          }
        } catch (TimeoutException e) {
          log.debug("{}: probes still running at the deadline", task.label());
          return;
        }
      }
    } finally {
      futures.forEach(future -> future.cancel(true));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void probeOne(Target target, Instant deadline) throws InterruptedException {
    ConcurrencyLimiter.Permit permit;
    try {
      permit = context.limiter().acquire(deadline);
    } catch (TimeoutException e) {
      log.debug("{}: no concurrency permit for {} before the deadline", task.label(), target);
      return;
    }
    try (permit) {
      UptimeCheckEvent result = begin(target.host(), IpText.format(target.address()));
      long now = context.nanoTime();
      long untilRunDeadline = Duration.between(context.clock().instant(), deadline).toNanos();
      long deadlineNanos = now + Math.min(task.timeout().toNanos(), untilRunDeadline);
      probe.probe(result, new InetSocketAddress(target.address(), settings.port()), deadlineNanos);
      emit(result);
    }
  }

  private UptimeCheckEvent begin(String host, String resolvedIp) {
    return UptimeCheckEvent.begin(context)
        .put("target_host", host)
        .put("target_port", settings.port())
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

  private ThreadPoolExecutor pool() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("collector " + task.label() + " is closed");
      }
      if (pool == null) {
        pool =
            new ThreadPoolExecutor(
                MAX_THREADS,
                MAX_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                context.threadFactory("probe"));
        pool.allowCoreThreadTimeOut(true);
      }
      return pool;
    }
  }

  @Override
  public void close() {
    ThreadPoolExecutor toStop;
    synchronized (lock) {
      closed = true;
      toStop = pool;
      pool = null;
    }
    if (toStop != null) {
      toStop.shutdownNow();
      try {
        if (!toStop.awaitTermination(500, TimeUnit.MILLISECONDS)) {
          log.debug("{}: probe threads still running after close", task.label());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One address to probe, with the host as configured. */
  private record Target(String host, InetAddress address) {}
}
