package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.ErrorCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns configured target hosts into the addresses to probe (spec 10.0.2, with gap G-22 fixed).
 *
 * <p>For each host: empty strings are skipped; a {@code :port} suffix and IPv6 brackets are
 * dropped; an IP literal is probed as is, but only if it belongs to the requested family (else
 * {@link ErrorCode#IP_NOT_FOUND}); a domain is looked up through the {@link NameResolver}, and a
 * failed or empty lookup gives {@link ErrorCode#DNS_RESOLVE_FAILED}, a lookup with no address of
 * the requested family {@link ErrorCode#IP_NOT_FOUND}. A failed host is never probed. {@link
 * DnsCheckMode#SINGLE} keeps the first remaining address, {@link DnsCheckMode#ALL} all of them.
 *
 * <p>Lookups run on the given executor (collector threads), all hosts at once, and the resolver
 * stops waiting at the run's deadline; a lookup still running then fails its host with {@link
 * ErrorCode#DNS_RESOLVE_FAILED}. (The system resolver itself cannot be interrupted; its thread
 * ends when the operating system answers.) Thread-safe.
 */
public final class TargetResolver {
  private final NameResolver nameResolver;
  private final Executor executor;
  private final Clock clock;

  /**
   * Creates a resolver.
   *
   * @param nameResolver looks up domains
   * @param executor runs the lookups (a collector's own pool)
   * @param clock the clock the deadlines are on
   */
  public TargetResolver(NameResolver nameResolver, Executor executor, Clock clock) {
    this.nameResolver = Objects.requireNonNull(nameResolver, "nameResolver");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Resolves every configured host.
   *
   * @param hosts the configured hosts, in order (empty or blank ones are skipped)
   * @param family the requested family
   * @param mode which addresses of a domain to keep
   * @param deadline when to stop waiting for lookups, on this resolver's clock
   * @return one entry per non-empty host, in configured order
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public List<ResolvedTarget> resolve(
      List<String> hosts, IpFamily family, DnsCheckMode mode, Instant deadline)
      throws InterruptedException {
    Map<String, Future<List<InetAddress>>> lookups = new LinkedHashMap<>();
    List<Object> pending = new ArrayList<>(); // per host: a ResolvedTarget, or the HostName
    List<String> configured = new ArrayList<>();
    for (String raw : hosts) {
      String host = raw == null ? "" : raw.trim();
      if (host.isEmpty()) {
        continue;
      }
      HostName name = HostName.parse(host);
      configured.add(host);
      if (name.literalAddress().isPresent()) {
        InetAddress literal = name.literal();
        pending.add(
            family.accepts(literal)
                ? new ResolvedTarget.Addresses(host, List.of(literal))
                : new ResolvedTarget.Failure(
                    host, ErrorCode.IP_NOT_FOUND, "IP literal is not of the family " + family));
      } else {
        lookups.computeIfAbsent(name.name(), this::startLookup);
        pending.add(name);
      }
    }
    List<ResolvedTarget> result = new ArrayList<>(pending.size());
    for (int i = 0; i < pending.size(); i++) {
      Object entry = pending.get(i);
      if (entry instanceof ResolvedTarget target) {
        result.add(target);
      } else {
        HostName name = (HostName) entry;
        result.add(finish(configured.get(i), lookups.get(name.name()), family, mode, deadline));
      }
    }
    return result;
  }

  private Future<List<InetAddress>> startLookup(String domain) {
    try {
      return CompletableFuture.supplyAsync(() -> lookup(domain), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private List<InetAddress> lookup(String domain) {
    try {
      return nameResolver.lookup(domain);
    } catch (UnknownHostException e) {
      throw new LookupFailedException(e);
    }
  }

  private ResolvedTarget finish(
      String host,
      Future<List<InetAddress>> lookup,
      IpFamily family,
      DnsCheckMode mode,
      Instant deadline)
      throws InterruptedException {
    List<InetAddress> found;
    try {
      long waitNanos = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
      found = lookup.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return dnsFailure(host, "lookup did not finish before the deadline");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof LookupFailedException failed ? failed.getCause() : e.getCause();
      return dnsFailure(host, String.valueOf(cause));
    }
    if (found == null || found.isEmpty()) {
      return dnsFailure(host, "no address");
    }
    List<InetAddress> matching = found.stream().filter(family::accepts).toList();
    if (matching.isEmpty()) {
      return new ResolvedTarget.Failure(
          host,
          ErrorCode.IP_NOT_FOUND,
          String.format(Locale.ROOT, "no %s address among %s", family, found));
    }
    return new ResolvedTarget.Addresses(
        host, mode == DnsCheckMode.SINGLE ? matching.subList(0, 1) : matching);
  }

  private static ResolvedTarget dnsFailure(String host, String reason) {
    return new ResolvedTarget.Failure(host, ErrorCode.DNS_RESOLVE_FAILED, reason);
  }

  /** Carries a checked lookup failure out of the executor. */
  private static final class LookupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LookupFailedException(UnknownHostException cause) {
      super(cause);
    }
  }
}
