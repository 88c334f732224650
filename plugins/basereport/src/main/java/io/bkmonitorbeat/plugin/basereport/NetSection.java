package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.NetInterface;
import io.bkmonitorbeat.hostcommon.NetInterfaces;
import io.bkmonitorbeat.hostcommon.NetlinkTcpStates;
import io.bkmonitorbeat.hostcommon.SnmpParser;
import io.bkmonitorbeat.hostcommon.TcpStates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code net} section (spec 2.10): interfaces, per-interface counters and peak rates, TCP
 * states of IPv4 and IPv6 sockets (gap 14), and protocol counters.
 *
 * <p>Not thread-safe; used by the collecting thread only (the rates come from {@link
 * RateModules}).
 */
final class NetSection {
  private final HostReader reader;
  private final BasereportSettings.Net settings;
  private final NetInterfaces interfaces;
  private final ProtocolStats protocolStats = new ProtocolStats();
  private com.sun.jna.Memory netlinkBuffer;
  private boolean useNetlink;

  NetSection(HostReader reader, BasereportSettings.Net settings) {
    this.reader = reader;
    this.settings = settings;
    this.interfaces = new NetInterfaces(reader.fs());
    this.useNetlink = reader.fs().path("/").equals(java.nio.file.Path.of("/"));
  }

  /** Takes the baseline of the protocol counters. */
  void baseline() {
    protocolStats.report(snmp());
  }

  Map<String, Object> collect(Map<String, NetRate> rates) throws IOException {
    NetFilter filter = new NetFilter(settings, interfaces.virtualNames());
    Map<String, Object> net = new LinkedHashMap<>(8);
    List<Object> ifaces = new ArrayList<>();
    for (NetInterface i : interfaces.list()) {
      if (filter.accepts(i.name())) {
        ifaces.add(interfaceJson(i));
      }
    }
    net.put("interface", ifaces);
    List<Object> dev = new ArrayList<>();
    for (NetRate r : rates.values()) {
      if (filter.accepts(r.counters().name())) {
        dev.add(r.toJson());
      }
    }
    net.put("dev", dev);
    net.put("netstat", netstat());
    net.put("protocolstat", protocolStats.report(snmp()));
    return net;
  }

  private Map<String, Map<String, Long>> snmp() {
    return SnmpParser.parse(reader.fs().lines(SnmpParser.FILE), reader);
  }

  /**
   * TCP states from one netlink dump (both families, one walk of the kernel's socket hash); from
   * /proc/net/tcp and tcp6 when netlink is unavailable (a test root, a seccomp profile).
   */
  private Map<String, Long> netstat() {
    Map<String, Long> counts = TcpStates.zero();
    if (useNetlink && netlinkBuffer == null) {
      try {
        netlinkBuffer = NetlinkTcpStates.buffer();
      } catch (RuntimeException | LinkageError e) {
        useNetlink = false;
      }
    }
    if (useNetlink && NetlinkTcpStates.count(counts, netlinkBuffer)) {
      return counts;
    }
    TcpStates.count(reader.fs().bytes("/proc/net/tcp"), counts, "/proc/net/tcp", reader);
    TcpStates.count(reader.fs().bytes("/proc/net/tcp6"), counts, "/proc/net/tcp6", reader);
    return counts;
  }

  static Map<String, Object> interfaceJson(NetInterface i) {
    Map<String, Object> m = new LinkedHashMap<>(8);
    m.put("index", i.index());
    m.put("mtu", i.mtu());
    m.put("name", i.name());
    m.put("hardwareaddr", i.hardwareAddr());
    m.put("flags", i.flags());
    List<Object> addrs = new ArrayList<>(i.addrs().size());
    for (String a : i.addrs()) {
      addrs.add(Map.of("addr", a));
    }
    m.put("addrs", addrs);
    return m;
  }
}
