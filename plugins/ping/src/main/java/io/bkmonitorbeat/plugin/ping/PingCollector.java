package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.IpText;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.probe.ProbePool;
import io.bkmonitorbeat.probe.ResolvedTarget;
import io.bkmonitorbeat.probe.TargetResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector of one ping task (spec 10.4, gap G-9 fixed). A run resolves the domain targets,
 * opens one ICMP socket per family it needs, pings every distinct address in one {@link PingRun}
 * on the calling thread, closes the sockets and emits one event per (target, address), or custom
 * reports in batches of at most {@value PingEvents#BATCH_SIZE} items.
 *
 * <p>The run ends by the task's {@code timeout} or the run's deadline, whichever is first. It
 * holds one permit of the task's limiter. Domains are resolved on a small {@link ProbePool}
 * (threads from the context's factory), stopped by {@link #close}, which also ends a run in
 * flight and closes its sockets.
 */
final class PingCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(PingCollector.class);
  /** Time kept back from the deadline to build and emit the events. */
  private static final long EMIT_RESERVE_NANOS = 20_000_000L;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Opens the ICMP socket of one family; replaced in tests. */
  @FunctionalInterface
  interface SocketFactory {
    IcmpSocket open(boolean v6, boolean notPrivileged) throws SocketOpener.SocketOpenException;
  }

  private final CollectorContext context;
  private final TaskSpec task;
  private final PingSettings settings;
  private final SocketFactory sockets;
  private final ProbePool pool;
  private final TargetResolver resolver;
  private final Object lock = new Object();
  private final List<IcmpSocket> open = new ArrayList<>(); // guarded by lock
  private CountDownLatch running; // guarded by lock
  private volatile boolean closed;
  private volatile String lastOpenError = "";

  PingCollector(CollectorContext context, PingSettings settings, NameResolver nameResolver,
      SocketFactory sockets) {
    this.context = context;
    this.task = context.task();
    this.settings = settings;
    this.sockets = sockets;
    this.pool = new ProbePool(context, 4);
    this.resolver = new TargetResolver(nameResolver, pool.executor(), context.clock());
  }

  @Override
  public void collect(Instant deadline) throws Exception {
    Instant now = context.clock().instant();
    long startNanos = context.nanoTime();
    Instant byTimeout = now.plus(task.timeout());
    Instant runDeadline = byTimeout.isBefore(deadline) ? byTimeout : deadline;
    long endNanos = startNanos
        + Math.max(0, Duration.between(now, runDeadline).toNanos() - EMIT_RESERVE_NANOS);
    if (settings.targets().isEmpty()) {
      return;
    }
    PingEvents events = new PingEvents(task, settings, context.hostIdentity(), context.sink());

    List<Pair> pairs = resolve(runDeadline, events);
    if (pairs.isEmpty()) {
      events.flush(context.clock().instant());
      return;
    }
    ConcurrencyLimiter.Permit permit;
    try {
      permit = context.limiter().acquire(runDeadline);
    } catch (TimeoutException e) {
      log.debug("{}: no concurrency permit before the deadline", task.label());
      events.flush(context.clock().instant());
      return;
    }
    try (permit) {
      Map<String, PingRun.Result> results = ping(pairs, endNanos);
      if (closed) {
        return; // the task was removed mid-run: report nothing
      }
      if (results == null) {
        events.flush(context.clock().instant());
        return;
      }
      Instant time = context.clock().instant();
      for (Pair pair : pairs) {
        PingRun.Result result = results.get(IpText.format(pair.address()));
        if (result != null) {
          events.add(pair.target(), IpText.format(pair.address()), result, time);
        }
      }
      events.flush(time);
    }
  }

  /**
   * Returns the (target, address) pairs to ping, in configured order; adds a failure for every
   * domain that did not resolve (1004) or has no address of the family (1211).
   */
  private List<Pair> resolve(Instant runDeadline, PingEvents events) throws InterruptedException {
    List<String> domains = new ArrayList<>();
    for (PingSettings.Target target : settings.targets()) {
      if (target.type() == PingSettings.TargetType.DOMAIN) {
        domains.add(target.target());
      }
    }
    Map<String, ResolvedTarget> resolved = new LinkedHashMap<>();
    if (!domains.isEmpty()) {
      for (ResolvedTarget target : resolver.resolve(domains, settings.net().ipFamily(),
          settings.net().dnsCheckMode(), runDeadline)) {
        resolved.putIfAbsent(target.host(), target);
      }
    }
    List<Pair> pairs = new ArrayList<>();
    for (PingSettings.Target target : settings.targets()) {
      if (target.type() == PingSettings.TargetType.IP) {
        pairs.add(new Pair(target, target.literal()));
        continue;
      }
      ResolvedTarget outcome = resolved.get(target.target());
      if (outcome instanceof ResolvedTarget.Addresses addresses) {
        addresses.addresses().forEach(address -> pairs.add(new Pair(target, address)));
      } else if (outcome instanceof ResolvedTarget.Failure failure) {
        log.debug("{}: {} not resolved: {}", task.label(), failure.host(), failure.reason());
        events.addFailure(target, failure.code(), context.clock().instant());
      }
    }
    return pairs;
  }

  /**
   * Opens the sockets, pings, closes the sockets. Returns {@code null} (after emitting a failure
   * status event) when a socket cannot be opened.
   */
  private Map<String, PingRun.Result> ping(List<Pair> pairs, long endNanos)
      throws InterruptedException {
    List<InetAddress> addresses = pairs.stream().map(Pair::address).toList();
    boolean needV4 = addresses.stream().anyMatch(a -> !(a instanceof Inet6Address));
    boolean needV6 = addresses.stream().anyMatch(a -> a instanceof Inet6Address);
    CountDownLatch done = new CountDownLatch(1);
    IcmpSocket v4 = null;
    IcmpSocket v6 = null;
    try {
      synchronized (lock) {
        if (closed) {
          return null;
        }
        running = done;
      }
      try {
        v4 = needV4 ? track(sockets.open(false, settings.notPrivileged())) : null;
        v6 = needV6 ? track(sockets.open(true, settings.notPrivileged())) : null;
      } catch (SocketOpener.SocketOpenException | LinkageError e) {
        reportOpenFailure(e);
        return null;
      }
      lastOpenError = "";
      PingRun run = new PingRun(settings, RANDOM.nextInt(0x10000), context::nanoTime,
          this::unixNanos, () -> closed);
      return run.run(addresses, v4, v6, endNanos);
    } finally {
      synchronized (lock) {
        for (IcmpSocket socket : open) {
          socket.close();
        }
        open.clear();
        running = null;
      }
      done.countDown();
    }
  }

  private IcmpSocket track(IcmpSocket socket) {
    synchronized (lock) {
      open.add(socket);
    }
    return socket;
  }

  private void reportOpenFailure(Throwable e) {
    String message = e instanceof SocketOpener.SocketOpenException
        ? e.getMessage()
        : "cannot call libc through jnr-ffi (ping needs Linux and the host's jnr-ffi): " + e;
    if (!message.equals(lastOpenError)) {
      log.warn("{}: {}", task.label(), message); // once until it changes or succeeds
      lastOpenError = message;
    } else {
      log.debug("{}: {}", task.label(), message);
    }
    context.sink().emit(PingEvents.failedRun(task));
  }

  private long unixNanos() {
    Instant now = context.clock().instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Ends a run in flight (which closes its sockets) and stops the resolver threads. */
  @Override
  public void close() {
    CountDownLatch inFlight;
    synchronized (lock) {
      closed = true;
      inFlight = running;
    }
    if (inFlight != null) {
      try {
        if (!inFlight.await(500, TimeUnit.MILLISECONDS)) {
          synchronized (lock) {
            open.forEach(IcmpSocket::close); // the run did not notice; close for it
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.close();
  }

  /** One address of one target. */
  private record Pair(PingSettings.Target target, InetAddress address) {
    Pair {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(address, "address");
    }
  }

  /** For tests: the message of the last socket failure, empty after a successful open. */
  String lastOpenError() {
    return lastOpenError;
  }
}
