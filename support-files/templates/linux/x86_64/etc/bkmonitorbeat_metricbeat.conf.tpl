{#- Prometheus scrape (metricbeat) child configuration (runtime spec 10.7), rendered by the node
    manager into bkmonitorbeat.include. Same variables as the original
    bkmonitorbeat_prometheus.conf.tpl: config_name (also the namespace), config_version,
    max_timeout, min_period (seconds), dataid, task_id, bk_biz_id, period (seconds), timeout
    (seconds, default 60), metric_url (one host), diff_metrics, metric_relabel_configs[]
    {source_labels, regex, action, target_label, replacement}, labels (list of maps). Added
    (optional): query (map), username/password, bearer_token, ssl_verification_mode,
    ssl_certificate_authorities. Strings are quoted with tojson so YAML-significant characters in
    URLs, regexes or passwords cannot break the file. -#}
type: metricbeat
name: {{ config_name | default("metricbeat_task", true) }}
version: {{ config_version | default("1.0.0", true) }}
dataid: {{ dataid }}
max_timeout: {{ max_timeout | default(100, true) }}s
min_period: {{ min_period | default(3, true) }}s
tasks:
  - task_id: {{ task_id }}
    bk_biz_id: {{ bk_biz_id }}
    period: {{ period }}s
    timeout: {{ timeout | default(60, true) }}s
    custom_report: false
    labels:
    {%- if not labels %} []{% endif %}
    {%- for label in labels | default([], true) %}
      - {{ label | tojson }}
    {%- endfor %}
    module:
      module: prometheus
      metricsets: ["collector"]
      enabled: true
      hosts: [{{ metric_url | tojson }}]
      metrics_path: ''
      namespace: {{ config_name | default("metricbeat_task", true) | tojson }}
      dataid: {{ dataid }}
      {%- if query %}
      query: {{ query | tojson }}
      {%- endif %}
      {%- if username %}
      username: {{ username | tojson }}
      password: {{ password | default("", true) | tojson }}
      {%- endif %}
      {%- if bearer_token %}
      bearer_token: {{ bearer_token | tojson }}
      {%- endif %}
      {%- if ssl_verification_mode or ssl_certificate_authorities %}
      ssl:
        verification_mode: {{ ssl_verification_mode | default("full", true) }}
        certificate_authorities: {{ ssl_certificate_authorities | default([], true) | tojson }}
      {%- endif %}
      diff_metrics: {{ diff_metrics | default([], true) | tojson }}
      metric_relabel_configs:
      {%- if not metric_relabel_configs %} []{% endif %}
      {%- for rule in metric_relabel_configs | default([], true) %}
        - source_labels: {{ rule.source_labels | default([], true) | tojson }}
          regex: {{ rule.regex | default("(.*)", true) | tojson }}
          action: {{ rule.action | default("replace", true) }}
          {%- if rule.target_label %}
          target_label: {{ rule.target_label | tojson }}
          {%- endif %}
          {%- if rule.replacement is defined %}
          replacement: {{ rule.replacement | tojson }}
          {%- endif %}
      {%- endfor %}
