{#- Script child configuration (runtime spec 10.6), rendered by the node manager into
    bkmonitorbeat.include. Variables as the original's: config_name, config_version, max_timeout
    and min_period (seconds), dataid, task_id, bk_biz_id, period and timeout (seconds), command,
    labels (list of maps), username; beyond the original: user_env (map), timestamp_unit,
    time_offset, and ssh (map: host, port, user, private_key or password, passphrase,
    known_hosts, connect_timeout) to run the command on a remote host. -#}
type: script
name: {{ config_name | default("script_task", true) }}
version: {{ config_version | default("1.0.0", true) }}
max_timeout: {{ max_timeout | default(100, true) }}s
min_period: {{ min_period | default(3, true) }}s
dataid: {{ dataid }}
tasks:
  - task_id: {{ task_id }}
    bk_biz_id: {{ bk_biz_id }}
    period: {{ period }}s
    timeout: {{ timeout | default(60, true) }}s
    command: {{ command | tojson }}
    user_env: {{ user_env | default({}, true) | tojson }}
    username: {{ username | default("", true) | tojson }}
    {%- if timestamp_unit %}
    timestamp_unit: {{ timestamp_unit }}
    {%- endif %}
    {%- if time_offset %}
    time_offset: {{ time_offset }}
    {%- endif %}
    {%- if ssh %}
    ssh: {{ ssh | tojson }}
    {%- endif %}
    labels:
    {%- for label in labels | default([], true) %}
      - {{ label | tojson }}
    {%- endfor %}
