{#- bkmonitorbeat (JVM) main configuration, rendered by the BlueKing node manager (Jinja2).
    Same keys and variables as the original bkmonitorbeat.conf.tpl (runtime spec 3.5); host-metric
    task sections are added by the issues that bring their plugins. -#}
# Rendered by the node manager; local edits are overwritten on the next push.
output.bkpipe:
  endpoint: {{ plugin_path.endpoint }}
  synccfg: true
  bk_addressing: {{ cmdb_instance.host.bk_addressing|default('static', true) }}

path.logs: {{ plugin_path.log_path }}
path.data: {{ plugin_path.data_path }}
path.pid: {{ plugin_path.pid_path }}
seccomp.enabled: false

logging.level: error
logging.path: {{ plugin_path.log_path }}
logging.maxsize: 10
logging.maxage: 3
logging.backups: 5

{%- set cpu = cmdb_instance.host.bk_cpu|default(0, true)|float %}
{%- set mem = cmdb_instance.host.bk_mem|default(0, true)|float %}
resource_limit:
  enabled: {{ 'false' if extra_vars.disable_resource_limit|default('false') == 'true' else 'true' }}
{%- if cpu > 0 and mem > 0 %}
  cpu: {{ [[cpu * resource_limit.cpu.percentage|default(0.1), resource_limit.cpu.min|default(0.1)]|max, resource_limit.cpu.max|default(1)]|min }}
  mem: {{ [[mem * resource_limit.mem.percentage|default(0.1), resource_limit.mem.min|default(100)]|max, resource_limit.mem.max|default(1000)]|min|int }}
{%- else %}
  cpu: 1
  mem: -1
{%- endif %}

bkmonitorbeat:
  # node_id, ip, bk_cloud_id and bk_biz_id are placeholders: the host-id file overrides them.
  node_id: 0
  ip: 127.0.0.1
  bk_cloud_id: 0
  bk_biz_id: 1
  host_id_path: {{ plugin_path.host_id }}
  clean_up_timeout: 1s
  event_buffer_size: 10
  mode: daemon
  metrics_batch_size: 1024
  metricbeat_align_ts: {{ extra_vars.metricbeat_align_ts|default('false', true) }}
  include: {{ plugin_path.subconfig_path }}
  concurrency_limit:
    task:
      http:
        per_instance: 100000
        per_task: 1000
      tcp:
        per_instance: 100000
        per_task: 1000
      udp:
        per_instance: 100000
        per_task: 1000
      ping:
        per_instance: 100000
        per_task: 1000
  heart_beat:
    global_dataid: 1100001
    child_dataid: 1100002
    period: 60s
    publish_immediately: true
  gather_up_beat:
    dataid: 1100017
  # Host performance data (plugin basereport).
  basereport_task:
    task_id: 101
    dataid: 1001
    period: 1m
    cpu:
      stat_times: 4
      info_period: 1m
      info_timeout: 30s
    disk:
      stat_times: 1
      mountpoint_black_list: {{ extra_vars.mountpoint_black_list|default(["docker", "container", "k8s", "kubelet", "blueking"], true) }}
      fs_type_white_list: {{ extra_vars.fs_type_white_list|default(["overlay", "btrfs", "ext2", "ext3", "ext4", "reiser", "xfs", "ffs", "ufs", "jfs", "jfs2", "vxfs", "hfs", "apfs", "refs", "ntfs", "fat32", "zfs"], true) }}
      collect_all_device: true
    mem:
      info_times: 1
    net:
      stat_times: 4
      revert_protect_number: 100
      skip_virtual_interface: false
      interface_black_list: ["veth", "cni", "docker", "flannel", "tunnat", "cbr", "kube-ipvs", "dummy"]
      force_report_list: ["bond"]
  # Host static data (plugin static).
  static_task:
    dataid: 1100010
    tasks:
      - task_id: 100
        period: 1m
        check_period: 1m
        report_period: 6h
        virtual_iface_whitelist: ["bond1"]

  # Host exception events: disk full, disk read-only, core files, OOM kills (plugin exceptionbeat).
  exceptionbeat_task:
    task_id: 102
    dataid: 1000
    period: 1m
    check_bit: "C_DISK_SPACE|C_DISKRO|C_CORE|C_OOM"
    check_disk_ro_interval: 60
    check_disk_space_interval: 60
    used_max_disk_space_percent: 95
    free_min_disk_space: 10
{%- if extra_vars.corefile_pattern is defined %}
    corefile_pattern: {{ (extra_vars.corefile_pattern or '')|tojson }}
{%- endif %}
{%- if extra_vars.corefile_match_regex is defined %}
    corefile_match_regex: {{ (extra_vars.corefile_match_regex or '')|tojson }}
{%- endif %}
    disk_ro_black_list: ["docker", "container", "k8s", "kubelet", "blueking"]

  # Keeps the processbeat child config in step with the CMDB process list of the host-id file.
  procconf_task:
    task_id: 103
    period: 1m
    perfdataid: 1007
    portdataid: 1013
    converge_pid: true
    hostfilepath: {{ plugin_path.host_id }}
    dst_dir: {{ plugin_path.subconfig_path }}
  # Materialises user process configs from <parent of dst_dir>/processbeat into child configs.
  #procsync_task:
  #  task_id: 104
  #  period: 1m
  #  dst_dir: {{ plugin_path.subconfig_path }}
  # Task sections: <type>_task here, or a child file with "type: <type>" in the include
  # directory; a third-party plugin's task type is configured the same way (docs/plugins.md).

# Plugin jars (this agent only): hot add/remove/replace of jars in plugins/; when
# etc/plugins.trust exists, only the jars it lists (sha256sum format) load.
plugins:
  watch: true
  settle: 300ms
  restart_on_leak: {{ extra_vars.plugins_restart_on_leak|default('false', true) }}
