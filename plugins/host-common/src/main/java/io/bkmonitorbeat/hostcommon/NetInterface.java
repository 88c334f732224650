package io.bkmonitorbeat.hostcommon;

import java.util.List;

/**
 * One network interface as Go's {@code net.Interfaces} shows it.
 *
 * @param index the interface index
 * @param mtu the MTU
 * @param name the name
 * @param hardwareAddr the MAC as {@code aa:bb:cc:dd:ee:ff}, or {@code ""}
 * @param flags Go's flag names in Go's order: up, broadcast, loopback, pointtopoint, multicast,
 *     running
 * @param addrs the addresses as {@code addr/prefix}
 */
public record NetInterface(
    int index, int mtu, String name, String hardwareAddr, List<String> flags, List<String> addrs) {

  /** Copies the lists. */
  public NetInterface {
    flags = List.copyOf(flags);
    addrs = List.copyOf(addrs);
  }
}
