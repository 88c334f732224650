{#- proccustom child configuration (host-collectors spec 7.1; the original's node-man template
    is monitor_process.conf.tpl), rendered by the node manager into bkmonitorbeat.include as
    monitor_process_<id>.conf. Variables: config.period, config.dataid, config.taskid,
    config.port_dataid, config.match_pattern, config.process_name, config.extract_pattern,
    config.exclude_pattern, config.pid_path, config.port_detect, config.labels, config.tags.
    An empty match_pattern without a pid_path is rejected by the plugin (gap 19). -#}
type: proccustom
name: proccustom_task
version: 1.0.0
period: {{ config.period | default("1m", true) }}
dataid: {{ config.dataid }}
task_id: {{ config.taskid }}
port_dataid: {{ config.port_dataid | default(0, true) }}
match_pattern: {{ config.match_pattern | default("", true) | tojson }}
process_name: {{ config.process_name | default("", true) | tojson }}
extract_pattern: {{ config.extract_pattern | default("", true) | tojson }}
exclude_pattern: {{ config.exclude_pattern | default("", true) | tojson }}
pid_path: {{ config.pid_path | default("", true) | tojson }}
proc_metric: []
port_detect: {{ config.port_detect | default(false, true) | string | lower }}
ports: []
listen_port_only: false
report_unexpected_port: false
disable_mapping: false
labels:
{%- for label in config.labels | default([], true) %}
  - {{ label | tojson }}
{%- endfor %}
{%- if config.tags %}
tags: {{ config.tags | tojson }}
{%- else %}
tags: null
{%- endif %}
