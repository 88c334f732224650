package io.bkmonitorbeat.proc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host's "default IPs" (spec 1.7): the global-unicast addresses of its interfaces (private
 * ranges included, as Go's {@code IsGlobalUnicast}), split by family. Computed once per class
 * loader, as the original computed them once per process. Thread-safe.
 *
 * @param v4 IPv4 addresses as text
 * @param v6 IPv6 addresses as text
 */
public record DefaultIps(List<String> v4, List<String> v6) {

  private static final class Holder {
    static final DefaultIps HOST = read();
  }

  /** Returns the host's addresses. */
  public static DefaultIps host() {
    return Holder.HOST;
  }

  private static DefaultIps read() {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address.isLoopbackAddress() || address.isLinkLocalAddress()
              || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            continue;
          }
          (address instanceof Inet6Address ? v6 : v4).add(SocketEntry.text(address));
        }
      }
    } catch (SocketException | RuntimeException e) {
      // no interfaces readable: no default IPs, as on a host without a global address
    }
    return new DefaultIps(List.copyOf(v4), List.copyOf(v6));
  }
}
