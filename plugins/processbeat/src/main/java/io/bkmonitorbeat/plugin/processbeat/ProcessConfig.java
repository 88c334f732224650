package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.proc.GoRegex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code processes[]} item of the processbeat child config (spec 5.1). Two equal items are
 * the same config (the original de-duplicated by an MD5 over exactly these fields), so the
 * settings keep the first of equal items. Immutable.
 *
 * @param name the match name (compared with a process's name, exe, exe basename, first command
 *     token and its basename)
 * @param displayName {@code displayname}
 * @param protocol the legacy protocol ({@code tcp}, {@code udp}, {@code tcp6}, {@code udp6}, "")
 * @param ports the legacy ports
 * @param paramRegex {@code paramregex}: a regex searched in the full command line ("" = any)
 * @param bindIp the legacy bind address
 * @param bindInfo the {@code bind_info} items
 */
record ProcessConfig(
    String name,
    String displayName,
    String protocol,
    List<Integer> ports,
    String paramRegex,
    String bindIp,
    List<BindDetail> bindInfo) {

  /** Parses one item; a port outside 0..65535 is a config error naming the item. */
  static ProcessConfig parse(Settings item) {
    List<BindDetail> bindInfo = new ArrayList<>();
    for (Settings bind : item.sections("bind_info")) {
      bindInfo.add(new BindDetail(bind.string("ip", "").strip(), ports(bind, "ports"),
          bind.string("protocol", "").strip()));
    }
    return new ProcessConfig(
        item.string("name", ""),
        item.string("displayname", ""),
        item.string("protocol", "").strip(),
        ports(item, "ports"),
        item.string("paramregex", ""),
        item.string("bindip", "").strip(),
        List.copyOf(bindInfo));
  }

  private static List<Integer> ports(Settings item, String key) {
    List<Integer> ports = new ArrayList<>();
    for (String text : item.strings(key)) {
      int port;
      try {
        port = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw item.error(key, "must be a list of ports (0..65535)");
      }
      if (port < 0 || port > 65535) {
        throw item.error(key, "must be a list of ports (0..65535)");
      }
      ports.add(port);
    }
    return List.copyOf(ports);
  }

  /**
   * Returns the compiled {@code paramregex} (Go syntax such as {@code (?P<name>...)} accepted),
   * null when it is empty (every command line matches). An invalid regex matches nothing, as in
   * the original; the caller logs it once.
   */
  Pattern compiledParamRegex() throws PatternSyntaxException {
    return paramRegex.isEmpty() ? null : GoRegex.compile(paramRegex).pattern();
  }

  /**
   * The bind details (spec 5.1): the legacy {@code bindip}/{@code protocol}/{@code ports} when
   * all three are set, then {@code bind_info}; grouped by (ip, protocol) with their ports merged,
   * sorted and de-duplicated; first-seen order of the groups kept.
   */
  List<BindDetail> bindDetails() {
    Map<List<String>, Set<Integer>> groups = new LinkedHashMap<>();
    if (!bindIp.isEmpty() && !protocol.isEmpty() && !ports.isEmpty()) {
      groups.computeIfAbsent(List.of(bindIp, protocol), k -> new TreeSet<>()).addAll(ports);
    }
    for (BindDetail bind : bindInfo) {
      groups.computeIfAbsent(List.of(bind.ip(), bind.protocol()), k -> new TreeSet<>())
          .addAll(bind.ports());
    }
    List<BindDetail> details = new ArrayList<>();
    groups.forEach((key, merged) ->
        details.add(new BindDetail(key.get(0), List.copyOf(merged), key.get(1))));
    return details;
  }

  /**
   * One expected binding.
   *
   * @param ip the address ("" = any local address)
   * @param ports the ports
   * @param protocol {@code tcp}, {@code udp}, {@code tcp6}, {@code udp6} or "" (tcp and udp)
   */
  record BindDetail(String ip, List<Integer> ports, String protocol) {}
}
