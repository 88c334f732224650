package io.bkmonitorbeat.hostcommon;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists network interfaces: every link of {@code /sys/class/net} (the JDK lists only interfaces
 * that have an address) with index, MTU, MAC and flags from sysfs, and addresses from the JDK.
 * Thread-safe.
 */
public final class NetInterfaces {
  // linux/if.h
  private static final int IFF_UP = 0x1;
  private static final int IFF_BROADCAST = 0x2;
  private static final int IFF_LOOPBACK = 0x8;
  private static final int IFF_POINTOPOINT = 0x10;
  private static final int IFF_RUNNING = 0x40;
  private static final int IFF_MULTICAST = 0x1000;

  private final ProcFs fs;

  /** Creates a lister over {@code fs}'s sysfs. */
  public NetInterfaces(ProcFs fs) {
    this.fs = fs;
  }

  /** Returns the interfaces in index order. */
  public List<NetInterface> list() {
    Map<String, List<String>> addrs = addresses();
    List<NetInterface> out = new ArrayList<>();
    for (String name : fs.list("/sys/class/net")) {
      String base = "/sys/class/net/" + name + "/";
      if (!fs.exists(base + "ifindex")) {
        continue; // bonding_masters and other plain files
      }
      int flags = parseHex(fs.firstLine(base + "flags").orElse("0x0"));
      String mac = fs.firstLine(base + "address").orElse("");
      out.add(new NetInterface(
          Numbers.intOr(fs.firstLine(base + "ifindex").orElse("0"), 0),
          Numbers.intOr(fs.firstLine(base + "mtu").orElse("0"), 0),
          name,
          isZeroMac(mac) ? "" : mac,
          flagNames(flags),
          addrs.getOrDefault(name, List.of())));
    }
    out.sort(Comparator.comparingInt(NetInterface::index));
    return out;
  }

  /** Returns the names listed in {@code /sys/devices/virtual/net}, or null when it is absent. */
  public List<String> virtualNames() {
    if (!fs.exists("/sys/devices/virtual/net")) {
      return null;
    }
    return fs.list("/sys/devices/virtual/net");
  }

  static List<String> flagNames(int flags) {
    List<String> names = new ArrayList<>(6);
    if ((flags & IFF_UP) != 0) {
      names.add("up");
    }
    if ((flags & IFF_BROADCAST) != 0) {
      names.add("broadcast");
    }
    if ((flags & IFF_LOOPBACK) != 0) {
      names.add("loopback");
    }
    if ((flags & IFF_POINTOPOINT) != 0) {
      names.add("pointtopoint");
    }
    if ((flags & IFF_MULTICAST) != 0) {
      names.add("multicast");
    }
    if ((flags & IFF_RUNNING) != 0) {
      names.add("running");
    }
    return names;
  }

  private static int parseHex(String s) {
    try {
      return Integer.parseInt(s.startsWith("0x") ? s.substring(2) : s, 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Loopback and tunnels have a zero MAC; Go prints none for them. */
  private static boolean isZeroMac(String mac) {
    return mac.isEmpty() || mac.chars().allMatch(c -> c == '0' || c == ':');
  }

  private static Map<String, List<String>> addresses() {
    Map<String, List<String>> out = new HashMap<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        List<String> list = new ArrayList<>();
        List<InterfaceAddress> ias = new ArrayList<>(ni.getInterfaceAddresses());
        // Go lists IPv4 before IPv6.
        ias.sort(Comparator.comparingInt(ia -> ia.getAddress().getAddress().length));
        for (InterfaceAddress ia : ias) {
          list.add(IpText.cidr(ia.getAddress(), ia.getNetworkPrefixLength()));
        }
        out.put(ni.getName(), list);
      }
    } catch (SocketException | RuntimeException e) {
      return out;
    }
    return out;
  }
}
