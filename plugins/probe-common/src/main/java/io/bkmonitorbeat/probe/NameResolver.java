package io.bkmonitorbeat.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up the addresses of a domain name. Implementations may block; {@link TargetResolver}
 * calls them on a collector thread and stops waiting at the run's deadline.
 */
@FunctionalInterface
public interface NameResolver {

  /**
   * Returns the addresses of {@code domain} in the resolver's order (may be empty).
   *
   * @throws UnknownHostException if the name does not resolve
   */
  List<InetAddress> lookup(String domain) throws UnknownHostException;

  /** Returns the system resolver ({@link InetAddress#getAllByName}). */
  static NameResolver system() {
    return domain -> List.of(InetAddress.getAllByName(domain));
  }
}
