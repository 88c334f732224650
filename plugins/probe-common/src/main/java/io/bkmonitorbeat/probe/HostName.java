package io.bkmonitorbeat.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A configured target host split into its name and classified (spec 10.0.2 steps 2 and 3): an
 * optional {@code :port} suffix is dropped, brackets around an IPv6 literal are removed, and IP
 * literals are parsed without any name lookup.
 *
 * @param name the host without port and brackets
 * @param literal the address when {@code name} is an IPv4 or IPv6 literal, else {@code null}
 */
record HostName(String name, InetAddress literal) {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");

  /** Returns the literal address, if the host is one. */
  Optional<InetAddress> literalAddress() {
    return Optional.ofNullable(literal);
  }

  /** Parses a configured host (already trimmed and non-empty). */
  static HostName parse(String configured) {
    String name = stripPort(configured);
    if (IPV4.matcher(name).matches()) {
      return new HostName(name, parseLiteral(name));
    }
    if (name.indexOf(':') >= 0) {
      try {
        // Bracketed, the JDK parses the text as an IPv6 literal and never asks a DNS server.
        return new HostName(name, InetAddress.getByName("[" + name + "]"));
      } catch (UnknownHostException e) {
        return new HostName(name, null); // not a literal: left to the resolver, which fails it
      }
    }
    return new HostName(name, null);
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close > 0) {
        String rest = host.substring(close + 1);
        if (rest.isEmpty() || (rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
          return host.substring(1, close);
        }
      }
      return host;
    }
    int colon = host.indexOf(':');
    if (colon > 0
        && colon == host.lastIndexOf(':')
        && PORT.matcher(host.substring(colon + 1)).matches()) {
      return host.substring(0, colon);
    }
    return host;
  }

  private static InetAddress parseLiteral(String ipv4) {
    try {
      return InetAddress.getByName(ipv4); // a dotted quad: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unparsable IPv4 literal " + ipv4, e);
    }
  }
}
