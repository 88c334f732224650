{#- SNMP trap receiver child configuration (runtime spec 10.5), rendered by the node manager into
    bkmonitorbeat.include. Variables: config_name, config_version, tasks[] with task_id,
    bk_biz_id, dataid, target, community, listen_ip, listen_port, snmp_version, aggregate, period,
    oids (map), report_oid_dimensions, raw_byte_oids, encode, usm_info[], labels (list of maps).
    The meta dataid is 0: every task carries its own. -#}
type: snmptrap
name: {{ config_name | default("snmptrap_task", true) }}
version: {{ config_version | default("1.1.1", true) }}
dataid: 0
tasks:
{%- for task in tasks %}
  - task_id: {{ task.task_id }}
    bk_biz_id: {{ task.bk_biz_id }}
    dataid: {{ task.dataid }}
    target: {{ task.target | default("", true) | tojson }}
    community: {{ task.community | default("", true) | tojson }}
    listen_ip: {{ task.listen_ip | default("", true) | tojson }}
    listen_port: {{ task.listen_port | default(162, true) }}
    snmp_version: {{ task.snmp_version | default("2c", true) | tojson }}
    aggregate: {{ task.aggregate | default(false, true) | lower }}
    period: {{ task.period | default("1m", true) }}
    timeout: {{ task.timeout | default("60s", true) }}
    {%- if task.encode %}
    encode: {{ task.encode | tojson }}
    {%- endif %}
    oids:
    {%- for oid, name in (task.oids | default({}, true)).items() %}
      {{ oid | tojson }}: {{ name | tojson }}
    {%- endfor %}
    report_oid_dimensions:
    {%- for oid in task.report_oid_dimensions | default([], true) %}
      - {{ oid | tojson }}
    {%- endfor %}
    raw_byte_oids:
    {%- for oid in task.raw_byte_oids | default([], true) %}
      - {{ oid | tojson }}
    {%- endfor %}
    usm_info:
    {%- for usm in task.usm_info | default([], true) %}
      - context_name: {{ usm.context_name | default("", true) | tojson }}
        msg_flags: {{ usm.msg_flags | default("noauthnopriv", true) | tojson }}
        usm_config:
          username: {{ usm.usm_config.username | tojson }}
          authentication_protocol: {{ usm.usm_config.authentication_protocol | default("", true) | tojson }}
          authentication_passphrase: {{ usm.usm_config.authentication_passphrase | default("", true) | tojson }}
          privacy_protocol: {{ usm.usm_config.privacy_protocol | default("", true) | tojson }}
          privacy_passphrase: {{ usm.usm_config.privacy_passphrase | default("", true) | tojson }}
          authoritative_engineID: {{ usm.usm_config.authoritative_engineID | default("", true) | tojson }}
          authoritative_engineboots: {{ usm.usm_config.authoritative_engineboots | default(1, true) }}
          authoritative_enginetime: {{ usm.usm_config.authoritative_enginetime | default(1, true) }}
    {%- endfor %}
    labels:
    {%- for label in task.labels | default([], true) %}
      - {{ label | tojson }}
    {%- endfor %}
{%- endfor %}
