package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.HostCmdb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One processbeat {@code processes[]} item, converted from a CMDB process (spec 6.2 steps 2-3).
 * Two equal definitions have the same processbeat config id (spec 5.1, a hash over exactly these
 * fields), so de-duplicating by equality is the original's de-duplication by config id.
 *
 * @param name {@code bk_func_name}
 * @param displayName {@code bk_process_name}
 * @param protocol the converted legacy protocol
 * @param ports the legacy ports (empty when {@code bk_enable_port} is false)
 * @param paramRegex {@code bk_start_param_regex}
 * @param bindIp the converted legacy bind address
 * @param bindInfo the enabled {@code bind_info} items, converted
 */
record ProcessDefinition(
    String name,
    String displayName,
    String protocol,
    List<Integer> ports,
    String paramRegex,
    String bindIp,
    List<Binding> bindInfo) {

  /** One converted {@code bind_info} item. */
  record Binding(String ip, List<Integer> ports, String protocol) {
    Map<String, Object> toYaml() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("ip", ip);
      map.put("ports", ports);
      map.put("protocol", protocol);
      return map;
    }
  }

  /**
   * Converts the CMDB process list: items without {@code bk_func_name} are skipped, duplicates
   * dropped, file order kept.
   */
  static List<ProcessDefinition> from(HostCmdb cmdb) {
    Set<ProcessDefinition> definitions = new LinkedHashSet<>();
    for (HostCmdb.Process process : cmdb.processes()) {
      if (!process.funcName().isEmpty()) {
        definitions.add(from(process, cmdb));
      }
    }
    return List.copyOf(definitions);
  }

  private static ProcessDefinition from(HostCmdb.Process p, HostCmdb cmdb) {
    if (!p.bindInfo().isEmpty()) {
      List<Binding> bindings = new ArrayList<>();
      for (HostCmdb.Bind bind : p.bindInfo()) {
        if (bind.enabled()) {
          bindings.add(new Binding(ip(bind.ip(), cmdb), ports(bind.port()),
              protocol(bind.protocol())));
        }
      }
      return new ProcessDefinition(p.funcName(), p.processName(), "", List.of(),
          p.startParamRegex(), "", bindings);
    }
    return new ProcessDefinition(p.funcName(), p.processName(), protocol(p.protocol()),
        p.portEnabled() ? ports(p.port()) : List.of(), p.startParamRegex(), ip(p.bindIp(), cmdb),
        List.of());
  }

  /** CMDB address codes: 1 loopback, 2 any, 3 the inner IP, 4 the outer IP; else verbatim. */
  static String ip(String code, HostCmdb cmdb) {
    return switch (code) {
      case "1" -> "127.0.0.1";
      case "2" -> "0.0.0.0";
      case "3" -> cmdb.innerIp();
      case "4" -> cmdb.outerIp();
      default -> code;
    };
  }

  /** CMDB protocol codes: 1 tcp, 2 udp, 3 tcp6, 4 udp6; else verbatim. */
  static String protocol(String code) {
    return switch (code) {
      case "1" -> "tcp";
      case "2" -> "udp";
      case "3" -> "tcp6";
      case "4" -> "udp6";
      default -> code;
    };
  }

  /**
   * Parses a port list such as {@code "80, 8080,9000-9010"}: items {@code N} or {@code A-B}
   * (inclusive); de-duplicated and ascending. Invalid items are ignored, as in the original, and
   * so are ports outside 0..65535 (the original cast them to 16 bits, turning 70000 into 4464).
   */
  static List<Integer> ports(String list) {
    Set<Integer> ports = new TreeSet<>();
    for (String item : list.split(",")) {
      String[] range = item.strip().split("-", -1);
      try {
        if (range.length == 1) {
          int port = Integer.parseInt(range[0].strip());
          if (valid(port)) {
            ports.add(port);
          }
        } else if (range.length == 2) {
          int from = Integer.parseInt(range[0].strip());
          int to = Integer.parseInt(range[1].strip());
          if (valid(from) && valid(to)) {
            for (int port = from; port <= to; port++) {
              ports.add(port);
            }
          }
        }
      } catch (NumberFormatException e) {
        // an invalid item is ignored
      }
    }
    return List.copyOf(ports);
  }

  private static boolean valid(int port) {
    return port >= 0 && port <= 65535;
  }

  /** The item as written, keys in the original's order. */
  Map<String, Object> toYaml() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("displayname", displayName);
    map.put("protocol", protocol);
    map.put("ports", ports);
    map.put("paramregex", paramRegex);
    map.put("bindip", bindIp);
    map.put("bind_info", bindInfo.stream().map(Binding::toYaml).toList());
    return map;
  }
}
