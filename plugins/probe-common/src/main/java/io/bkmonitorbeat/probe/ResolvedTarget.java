package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.ErrorCode;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of resolving one configured host: the addresses to probe, or why there are none.
 */
public sealed interface ResolvedTarget permits ResolvedTarget.Addresses, ResolvedTarget.Failure {

  /** Returns the host as configured (including any {@code :port} suffix). */
  String host();

  /**
   * The addresses to probe, in order; never empty.
   *
   * @param host the host as configured
   * @param addresses the addresses to probe
   */
  record Addresses(String host, List<InetAddress> addresses) implements ResolvedTarget {
    /** Validates and copies the components. */
    public Addresses {
      Objects.requireNonNull(host, "host");
      addresses = List.copyOf(addresses);
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("no addresses for '" + host + "'");
      }
    }
  }

  /**
   * The host could not be resolved to an address of the requested family; report one failure
   * event with {@code code} and probe nothing.
   *
   * @param host the host as configured
   * @param code {@link ErrorCode#DNS_RESOLVE_FAILED} or {@link ErrorCode#IP_NOT_FOUND}
   * @param reason a short explanation for the log
   */
  record Failure(String host, ErrorCode code, String reason) implements ResolvedTarget {
    /** Validates the components. */
    public Failure {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
