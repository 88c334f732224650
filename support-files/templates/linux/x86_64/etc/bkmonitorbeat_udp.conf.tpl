{#- UDP uptime-check child configuration (runtime spec 10.3), rendered by the node manager into
    bkmonitorbeat.include. Variables: config_name, config_version, data_id, max_buffer_size,
    max_timeout, min_period, custom_report, times, wait_empty_response, tasks (or the top-level fallbacks below). -#}
type: udp
name: {{ config_name | default("udp_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: {{ data_id | default(1010, true) }}
max_buffer_size: {{ max_buffer_size | default(10240, true) }}
max_timeout: {{ max_timeout | default("30s", true) }}
min_period: {{ min_period | default("3s", true) }}
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id | default(task_id, true) }}
    bk_biz_id: {{ task.bk_biz_id | default(bk_biz_id, true) }}
    target_ip_type: {{ task.target_ip_type | default(target_ip_type, true) | default(0, true) }}
    dns_check_mode: {{ task.dns_check_mode | default(dns_check_mode, true) | default("single", true) }}
    period: {{ task.period | default(period, true) }}
    timeout: {{ task.timeout | default(timeout, true) | default("3s", true) }}
    {%- if custom_report == "true" %}
    custom_report: true
    {%- endif %}
    target_host: {{ task.target_host | default(task.ip, true) | default("", true) }}
    target_host_list:
    {%- for host in task.target_host_list | default([], true) %}
      - {{ host }}
    {%- endfor %}
    {%- for node in get_hosts_by_node(task.node_list | default([], true)) %}
      {%- for field in task.output_fields | default(["bk_host_innerip"], true) %}
      {%- if node[field] %}
      - {{ node[field] }}
      {%- endif %}
      {%- endfor %}
    {%- endfor %}
    target_port: {{ task.target_port | default(target_port, true) }}
    available_duration: {{ task.available_duration | default(available_duration, true) | default(task.timeout | default("3s", true), true) }}
    request: {{ task.request | default(request, true) | default("", true) | tojson }}
    request_format: {{ task.request_format | default(request_format, true) | default("raw", true) }}
    response: {{ task.response | default(response, true) | default("", true) | tojson }}
    response_format: {{ task.response_format | default(response_format, true) | default("eq", true) }}
    times: {{ task.times | default(times, true) | default(3, true) }}
    wait_empty_response: {{ task.wait_empty_response | default(wait_empty_response, true) | default(false, true) | lower }}
    {%- if custom_report == "true" %}
    labels:
      - {{ task.labels | default(labels, true) | default({}, true) | tojson }}
    {%- endif %}
{%- endfor %}
