{#- ICMP (ping) uptime-check child configuration (runtime spec 10.4), rendered by the node manager
    into bkmonitorbeat.include. Variables: config_name, config_version, data_id, max_buffer_size
    (accepted, unused), max_timeout, min_period, custom_report, send_interval, labels, tasks[]
    (target_host_list[]{target, target_type, labels}, target_hosts[]{ip, target_type}, node_list +
    output_fields expanded by get_hosts_by_node(), size -> ping_size). -#}
type: ping
name: {{ config_name | default("icmp_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: {{ data_id | default(1100003, true) }}
max_buffer_size: {{ max_buffer_size | default(10240, true) }}
max_timeout: {{ max_timeout | default("100s", true) }}
min_period: {{ min_period | default("3s", true) }}
send_interval: {{ send_interval | default("500us", true) }}
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id }}
    bk_biz_id: {{ task.bk_biz_id }}
    target_ip_type: {{ task.target_ip_type | default(0, true) }}
    dns_check_mode: {{ task.dns_check_mode | default("single", true) }}
    period: {{ task.period }}
    timeout: {{ task.timeout | default("3s", true) }}
    max_rtt: {{ task.max_rtt | default("1s", true) }}
    total_num: {{ task.total_num | default(3, true) }}
    ping_size: {{ task.size | default(56, true) }}
    {%- if custom_report == "true" %}
    custom_report: true
    labels:
      - {{ task.labels | default({}, true) | tojson }}
    {%- elif labels %}
    labels:
    {%- for label in labels %}
      - {{ label | tojson }}
    {%- endfor %}
    {%- endif %}
    targets:
    {%- for host in task.target_host_list | default([], true) %}
      - target: {{ host.target | tojson }}
        target_type: {{ host.target_type | default("ip", true) }}
        {%- if host.labels %}
        labels: {{ host.labels | tojson }}
        {%- endif %}
    {%- endfor %}
    {%- for host in task.target_hosts | default([], true) %}
      - target: {{ host.ip | tojson }}
        target_type: {{ host.target_type | default("ip", true) }}
    {%- endfor %}
    {%- for node in get_hosts_by_node(task.node_list | default([], true)) %}
      {%- for field in task.output_fields | default(["bk_host_innerip"], true) %}
      {%- if node[field] %}
      - target: {{ node[field] | tojson }}
        target_type: ip
      {%- endif %}
      {%- endfor %}
    {%- endfor %}
{%- endfor %}
