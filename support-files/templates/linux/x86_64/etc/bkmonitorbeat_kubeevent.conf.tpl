{#- Kubernetes event child configuration (host-collectors spec 10.1), rendered by the node manager
    into bkmonitorbeat.include. Variables: config_name, config_version, tasks[] with task_id,
    bk_biz_id, dataid, tail_files, interval, upmetrics_dataid, labels (list of maps), and the
    optional kube_api map of this implementation (url, kubeconfig, token_file, ca_file,
    insecure_skip_verify, namespace, watch_timeout; plugins/kubeevent/README.md).
    The meta dataid is 0: every task carries its own. -#}
type: kubeevent
name: {{ config_name | default("kubeevent_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: 0
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id }}
    bk_biz_id: {{ task.bk_biz_id }}
    dataid: {{ task.dataid }}
    tail_files:
    {%- for path in task.tail_files | default([], true) %}
      - {{ path | tojson }}
    {%- endfor %}
    interval: {{ task.interval | default("1m", true) }}
    upmetrics_dataid: {{ task.upmetrics_dataid | default(0, true) }}
    {%- if task.kube_api %}
    kube_api:
    {%- for key, value in task.kube_api.items() %}
      {{ key }}: {{ value | tojson }}
    {%- endfor %}
    {%- endif %}
    labels:
    {%- for label in task.labels | default([], true) %}
      - {{ label | tojson }}
    {%- endfor %}
{%- endfor %}
