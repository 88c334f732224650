{#- Log keyword child configuration (host-collectors spec 9.1), rendered by the node manager into
    bkmonitorbeat.include. Variables: config_name, config_version, tasks[] with task_id,
    bk_biz_id, dataid, path_list, exclude_files, encoding, scan_sleep, close_inactive,
    report_period, filter_patterns, task_list[] {name, pattern}, target, time_unit,
    retain_file_bytes, labels (list of maps). Additions of this implementation (optional):
    max_line_bytes, batch_size, from_beginning, scan_frequency (plugins/keyword/README.md).
    The meta dataid is 0: every task carries its own. -#}
type: keyword
name: {{ config_name | default("keyword_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: 0
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id }}
    bk_biz_id: {{ task.bk_biz_id }}
    dataid: {{ task.dataid }}
    paths:
    {%- for path in task.path_list | default([], true) %}
      - {{ path | tojson }}
    {%- endfor %}
    exclude_files:
    {%- for pattern in task.exclude_files | default([], true) %}
      - {{ pattern | tojson }}
    {%- endfor %}
    encoding: {{ task.encoding | default("utf-8", true) | tojson }}
    scan_sleep: {{ task.scan_sleep | default("1us", true) }}
    close_inactive: {{ task.close_inactive | default("86400s", true) }}
    report_period: {{ task.report_period | default("1m", true) }}
    filter_patterns:
    {%- for pattern in task.filter_patterns | default([], true) %}
      - {{ pattern | tojson }}
    {%- endfor %}
    keywords:
    {%- for rule in task.task_list | default([], true) %}
      - name: {{ rule.name | tojson }}
        pattern: {{ rule.pattern | tojson }}
    {%- endfor %}
    output_format: event
    target: {{ task.target | default("", true) | tojson }}
    time_unit: {{ task.time_unit | default("ms", true) | tojson }}
    retain_file_bytes: {{ task.retain_file_bytes | default(1048576, true) }}
    {%- if task.max_line_bytes %}
    max_line_bytes: {{ task.max_line_bytes }}
    {%- endif %}
    {%- if task.batch_size %}
    batch_size: {{ task.batch_size }}
    {%- endif %}
    labels:
    {%- for label in task.labels | default([], true) %}
      - {{ label | tojson }}
    {%- endfor %}
{%- endfor %}
