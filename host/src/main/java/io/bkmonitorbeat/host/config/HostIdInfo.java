package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.HostCmdb;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of the CMDB host-id file (spec 3.6, {@code /var/lib/gse/host/hostid}): who this
 * host is in the CMDB, and its CMDB process definitions. Unknown strings are empty, unknown numbers
 * 0. Immutable.
 *
 * @param innerIp the first address of {@code bk_host_innerip}
 * @param cloudId {@code bk_cloud_id}
 * @param hostId {@code bk_host_id}
 * @param tenantId {@code tenant_id}
 * @param dataId {@code dataid} (the static data id)
 * @param bizId the {@code bk_biz_id} of the first association that has a non-zero one
 * @param cmdbLevels the association maps (keys {@code bk_biz_id}, {@code bk_set_id}, {@code
 *     bk_module_id}, {@code layer} only), at most {@code cmdb_level_max_length} of them; the
 *     value of {@code bk_cmdb_level} on events
 * @param outerIp the first address of {@code bk_host_outerip} (procconf's address code 4)
 * @param processes the {@code process} list (host-collectors 1.3), for procconf
 * @param loaded whether this is the content of a file that was read and parsed (false for {@link
 *     #EMPTY} and the {@code ignore_cmdb_level} dummy)
 */
public record HostIdInfo(
    String innerIp,
    int cloudId,
    int hostId,
    String tenantId,
    int dataId,
    int bizId,
    List<Map<String, Object>> cmdbLevels,
    String outerIp,
    List<HostCmdb.Process> processes,
    boolean loaded) {

  /** No host-id file (or {@code ignore_cmdb_level}). */
  public static final HostIdInfo EMPTY =
      new HostIdInfo("", 0, 0, "", 0, 0, List.of(), "", List.of(), false);

  /** Validates and copies the components. */
  public HostIdInfo {
    Objects.requireNonNull(innerIp, "innerIp");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(outerIp, "outerIp");
    cmdbLevels = cmdbLevels.stream().map(Map::copyOf).toList();
    processes = List.copyOf(processes);
  }

  /** The identity part of a file that was read, without outer IP or processes. */
  public HostIdInfo(String innerIp, int cloudId, int hostId, String tenantId, int dataId,
      int bizId, List<Map<String, Object>> cmdbLevels) {
    this(innerIp, cloudId, hostId, tenantId, dataId, bizId, cmdbLevels, "", List.of(), true);
  }

  /** Returns what plugins see of this content ({@link io.bkmonitorbeat.api.CollectorContext#hostCmdb()}). */
  public HostCmdb cmdb() {
    return loaded ? new HostCmdb(true, innerIp, outerIp, processes, cmdbLevels, dataId) : HostCmdb.NONE;
  }
}
