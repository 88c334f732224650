package io.bkmonitorbeat.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the CMDB host-id file (written by the GSE agent, {@code /var/lib/gse/host/hostid} by
 * default, the main file's {@code host_id_path}) says about this host's addresses and processes.
 * The host reads and watches that file in one place; a collector gets its current content from
 * {@link CollectorContext#hostCmdb()}. When the file becomes malformed the host keeps the last good
 * content (and logs why), so a snapshot is always a complete, well-formed file's content. Values
 * are the file's raw CMDB text: converting IP codes, protocol codes and port lists is the
 * collector's business. Immutable.
 *
 * @param loaded whether the content comes from a file the host has read successfully; false when
 *     the file is missing, has never been well-formed, or {@code ignore_cmdb_level} stops the host
 *     from reading it (then the other components are empty)
 * @param innerIp the first address of {@code bk_host_innerip} (comma-separated in the file)
 * @param outerIp the first address of {@code bk_host_outerip}
 * @param processes the {@code process} list: the CMDB process definitions, in file order
 * @param levels the host's topology: one map per {@code associations} entry (the same maps as the
 *     events' {@code bk_cmdb_level}: {@code bk_biz_id}, {@code bk_set_id}, {@code bk_module_id}
 *     and the custom levels' {@code <bk_obj_id>: <bk_inst_id>}, values {@link Long}), for label
 *     expansion such as keyword's; unmodifiable
 * @param dataId the file's {@code dataid}, the data id that replaces the {@code static} task's
 *     when non-zero (host-collectors spec 1.3); 0 when the file has none (since 1.3.0)
 * @since 1.1.0
 */
public record HostCmdb(
    boolean loaded, String innerIp, String outerIp, List<Process> processes,
    List<Map<String, Object>> levels, int dataId) {

  /** No host-id file has been read. */
  public static final HostCmdb NONE = new HostCmdb(false, "", "", List.of());

  /** Validates and copies the components. */
  public HostCmdb {
    Objects.requireNonNull(innerIp, "innerIp");
    Objects.requireNonNull(outerIp, "outerIp");
    processes = List.copyOf(processes);
    levels = levels.stream().map(Map::copyOf).toList();
  }

  /** Creates a content without a data id (the shape before {@code dataId} was added). */
  public HostCmdb(boolean loaded, String innerIp, String outerIp, List<Process> processes,
      List<Map<String, Object>> levels) {
    this(loaded, innerIp, outerIp, processes, levels, 0);
  }

  /** Creates a content without topology levels (the shape before {@code levels} was added). */
  public HostCmdb(boolean loaded, String innerIp, String outerIp, List<Process> processes) {
    this(loaded, innerIp, outerIp, processes, List.of(), 0);
  }

  /**
   * One item of the file's {@code process} list. Absent strings are empty.
   *
   * @param funcName {@code bk_func_name}: the name a process is matched by
   * @param processName {@code bk_process_name}: the display name
   * @param bindIp {@code bind_ip}: an address or an address code ({@code "1"}..{@code "4"})
   * @param port {@code port}: a port list such as {@code "80,8080,9000-9010"}
   * @param protocol {@code protocol}: a protocol code ({@code "1"}..{@code "4"}) or name
   * @param startParamRegex {@code bk_start_param_regex}: a regex on the full command line
   * @param portEnabled {@code bk_enable_port}; an absent value counts as true
   * @param bindInfo {@code bind_info}: the newer list of bindings, which replaces {@code bind_ip},
   *     {@code port} and {@code protocol} when it is not empty
   * @since 1.1.0
   */
  public record Process(
      String funcName,
      String processName,
      String bindIp,
      String port,
      String protocol,
      String startParamRegex,
      boolean portEnabled,
      List<Bind> bindInfo) {

    /** Validates and copies the components. */
    public Process {
      Objects.requireNonNull(funcName, "funcName");
      Objects.requireNonNull(processName, "processName");
      Objects.requireNonNull(bindIp, "bindIp");
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(startParamRegex, "startParamRegex");
      bindInfo = List.copyOf(bindInfo);
    }
  }

  /**
   * One item of a process's {@code bind_info} list. Absent strings are empty.
   *
   * @param enabled {@code enable}; an absent value counts as true
   * @param ip {@code ip}: an address or an address code
   * @param port {@code port}: a port list
   * @param protocol {@code protocol}: a protocol code or name
   * @since 1.1.0
   */
  public record Bind(boolean enabled, String ip, String port, String protocol) {

    /** Validates the components. */
    public Bind {
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(protocol, "protocol");
    }
  }
}
