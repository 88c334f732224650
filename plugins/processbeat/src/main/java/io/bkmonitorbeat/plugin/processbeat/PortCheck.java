package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.proc.DefaultIps;
import io.bkmonitorbeat.proc.SocketEntry;
import io.bkmonitorbeat.proc.SocketProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a definition's expected ports with the sockets its processes hold (spec 5.4) and
 * builds its {@code PortStat} records. Pure; thread-safe.
 */
final class PortCheck {
  private final DefaultIps defaultIps;
  private final int maxNoListenPorts;

  PortCheck(DefaultIps defaultIps, int maxNoListenPorts) {
    this.defaultIps = defaultIps;
    this.maxNoListenPorts = maxNoListenPorts;
  }

  /**
   * Returns the records of one definition.
   *
   * @param config the definition
   * @param exists whether any process matched it
   * @param sockets the listening sockets of its processes
   */
  List<Map<String, Object>> check(ProcessConfig config, boolean exists, List<SocketEntry> sockets) {
    List<ProcessConfig.BindDetail> details = config.bindDetails();
    List<Map<String, Object>> records = new ArrayList<>();
    if (details.isEmpty()) {
      // Nothing expected: healthy. The original's lists were null here; an event holds no
      // nulls, so they are empty lists.
      records.add(record(config, exists, "", List.of(), List.of(), List.of(), "", true));
      return records;
    }
    for (ProcessConfig.BindDetail detail : details) {
      Set<SocketProtocol> protocols = protocols(detail.protocol());
      List<SocketEntry> relevant = new ArrayList<>();
      for (SocketEntry socket : sockets) {
        if (protocols.contains(socket.protocol())) {
          relevant.add(socket);
        }
      }
      Set<String> candidates = candidates(detail.ip(), detail.protocol());
      Set<Integer> listen = new TreeSet<>();
      Set<Integer> nonListen = new TreeSet<>();
      Set<String> notAccurate = new TreeSet<>();
      for (int port : detail.ports()) {
        List<SocketEntry> onPort = new ArrayList<>();
        for (SocketEntry socket : relevant) {
          if (socket.port() == port) {
            onPort.add(socket);
          }
        }
        if (onPort.isEmpty()) {
          nonListen.add(port);
        } else if (onPort.stream().anyMatch(s -> matches(s, candidates))) {
          listen.add(port);
        } else {
          onPort.forEach(s -> notAccurate.add(s.ipPort()));
        }
      }
      List<Integer> nonListenList = new ArrayList<>(nonListen);
      boolean healthy = nonListen.isEmpty() && notAccurate.isEmpty();
      if (nonListenList.size() > maxNoListenPorts) {
        nonListenList = List.of(0); // the original's marker for "too many to list"
      }
      records.add(record(config, exists, detail.protocol(), new ArrayList<>(listen),
          nonListenList, new ArrayList<>(notAccurate), detail.ip(), healthy));
    }
    return records;
  }

  /** The protocols a bind protocol admits: tcp = tcp4 + tcp6, "" = everything. */
  static Set<SocketProtocol> protocols(String protocol) {
    return switch (protocol) {
      case "tcp" -> EnumSet.of(SocketProtocol.TCP, SocketProtocol.TCP6);
      case "udp" -> EnumSet.of(SocketProtocol.UDP, SocketProtocol.UDP6);
      case "tcp6" -> EnumSet.of(SocketProtocol.TCP6);
      case "udp6" -> EnumSet.of(SocketProtocol.UDP6);
      default -> EnumSet.allOf(SocketProtocol.class);
    };
  }

  /** The addresses a socket may listen on to count as the expected binding. */
  Set<String> candidates(String bindIp, String protocol) {
    Set<String> candidates = new LinkedHashSet<>();
    if (!bindIp.isEmpty()) {
      candidates.add(normalise(bindIp));
      return candidates;
    }
    candidates.add("::1");
    candidates.add("::");
    candidates.addAll(defaultIps.v6());
    if (protocol.isEmpty() || "tcp".equals(protocol) || "udp".equals(protocol)) {
      candidates.add("127.0.0.1");
      candidates.add("0.0.0.0");
      candidates.addAll(defaultIps.v4());
    }
    return candidates;
  }

  /** A socket on the wildcard address of either family counts as listening on both. */
  private static boolean matches(SocketEntry socket, Set<String> candidates) {
    if (socket.address().isAnyLocalAddress()) {
      return candidates.contains("0.0.0.0") || candidates.contains("::");
    }
    return candidates.contains(socket.ip());
  }

  /** An IP literal in canonical text; anything else (a host name) verbatim, never resolved. */
  static String normalise(String ip) {
    if (ip.equals("*")) {
      return "0.0.0.0";
    }
    if (!ip.matches("[0-9a-fA-F:.]+") || !(ip.contains(":") || ip.matches("[0-9.]+"))) {
      return ip;
    }
    try {
      return SocketEntry.text(InetAddress.getByName(ip));
    } catch (UnknownHostException e) {
      return ip;
    }
  }

  private static Map<String, Object> record(ProcessConfig config, boolean exists, String protocol,
      List<Integer> listen, List<Integer> nonListen, List<String> notAccurate, String bindIp,
      boolean healthy) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", config.name());
    record.put("exists", exists ? 1 : 0);
    record.put("protocol", protocol);
    record.put("listen", listen);
    record.put("nonlisten", nonListen);
    record.put("notaccuratelisten", notAccurate);
    record.put("bindip", bindIp);
    record.put("paramregex", config.paramRegex());
    record.put("displayname", config.displayName());
    record.put("porthealth", healthy ? 1 : 0);
    return record;
  }
}
