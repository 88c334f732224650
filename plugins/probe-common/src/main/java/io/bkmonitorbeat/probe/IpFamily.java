package io.bkmonitorbeat.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The IP family a task asks for ({@code target_ip_type}): 0 any, 4 IPv4 only, 6 IPv6 only. */
public enum IpFamily {
  /** Either family ({@code target_ip_type: 0}). */
  ANY(0),
  /** IPv4 only ({@code target_ip_type: 4}). */
  IPV4(4),
  /** IPv6 only ({@code target_ip_type: 6}). */
  IPV6(6);

  private final int configValue;

  IpFamily(int configValue) {
    this.configValue = configValue;
  }

  /** Returns the value as configured in {@code target_ip_type}. */
  public int configValue() {
    return configValue;
  }

  /** Returns whether an address belongs to this family. */
  public boolean accepts(InetAddress address) {
    return switch (this) {
      case ANY -> true;
      case IPV4 -> address instanceof Inet4Address;
      case IPV6 -> address instanceof Inet6Address;
    };
  }

  /**
   * Returns the family configured as {@code value}.
   *
   * @throws IllegalArgumentException if the value is not 0, 4 or 6
   */
  public static IpFamily ofConfigValue(int value) {
    for (IpFamily family : values()) {
      if (family.configValue == value) {
        return family;
      }
    }
    throw new IllegalArgumentException("must be 0, 4 or 6");
  }
}
