{#- HTTP uptime-check child configuration (runtime spec 10.1), rendered by the node manager into
    bkmonitorbeat.include. Variables: config_name, config_version, data_id, max_buffer_size,
    max_timeout, min_period, custom_report, tasks[] (with steps[]). Header values are quoted with
    tojson here (the original rendered them bare, so YAML-significant characters broke the file:
    runtime spec G-25). -#}
type: http
name: {{ config_name | default("http_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: {{ data_id | default(1011, true) }}
max_buffer_size: {{ max_buffer_size | default(10240, true) }}
max_timeout: {{ max_timeout | default("30s", true) }}
min_period: {{ min_period | default("3s", true) }}
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id }}
    bk_biz_id: {{ task.bk_biz_id }}
    period: {{ task.period }}
    target_ip_type: {{ task.target_ip_type | default(0, true) }}
    dns_check_mode: {{ task.dns_check_mode | default("single", true) }}
    available_duration: {{ task.available_duration | default(task.timeout | default("3s", true), true) }}
    insecure_skip_verify: {{ task.insecure_skip_verify | default(false, true) | lower }}
    disable_keep_alives: {{ task.disable_keep_alives | default(false, true) | lower }}
    timeout: {{ task.timeout | default("3s", true) }}
    {%- if custom_report == "true" %}
    custom_report: true
    labels:
      - {{ task.labels | default({}, true) | tojson }}
    {%- endif %}
    steps:
    {%- for step in task.steps %}
      - method: {{ step.method | default("GET", true) }}
        url_list:
        {%- for url in step.url_list | default([], true) %}
          - {{ url | tojson }}
        {%- endfor %}
        url: {{ step.url | default("", true) | tojson }}
        headers:
        {%- for key, value in (step.headers | default({}, true)).items() %}
          {{ key | tojson }}: {{ value | tojson }}
        {%- endfor %}
        available_duration: {{ step.available_duration | default(task.available_duration, true) | default("3s", true) }}
        request: {{ step.request | default("", true) | tojson }}
        request_format: {{ step.request_format | default("raw", true) }}
        response: {{ step.response | default("", true) | tojson }}
        response_format: {{ step.response_format | default("eq", true) }}
        response_code: {{ step.response_code | default("", true) | string | tojson }}
    {%- endfor %}
{%- endfor %}
