#!/usr/bin/env python3
"""Renders the child templates with sample variables into support-files/examples/, the way the
node manager renders them (Jinja2, get_hosts_by_node() supplied by the caller). The rendered
files are committed and loaded by dist's TarballIT, so a template change that breaks the config
shows up there. Needs Jinja2 (Debian: python3-jinja2).

usage: support-files/tools/render_examples.py [NAME ...]   (default: every sample below)
"""
import pathlib
import sys

import jinja2

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates/linux/x86_64/etc"
EXAMPLES = ROOT / "examples"


def hosts_by_node(nodes):
    return [{"bk_host_innerip": "127.0.0.%d" % (i + 2)} for i, _ in enumerate(nodes)]


SAMPLES = {
    "bkmonitorbeat_tcp.conf": ("The tcp child template rendered with two tasks, one with a request/response "
                               "check.", {
        "tasks": [
            {"task_id": 101, "bk_biz_id": 2, "period": "60s", "timeout": "3s", "target_host": "127.0.0.1",
             "target_port": 22},
            {"task_id": 102, "bk_biz_id": 2, "period": "60s", "timeout": "5s", "target_ip_type": 4,
             "dns_check_mode": "all", "target_host_list": ["localhost", "127.0.0.1"], "target_port": 6379,
             "available_duration": "1s", "request": "PING\r\n", "response": "+PONG",
             "response_format": "startswith"},
        ]}),
    "bkmonitorbeat_http.conf": ("The http child template rendered with two tasks: a plain GET and a two-step "
                                "task with headers (one base64://), a POST body and a body check.", {
        "tasks": [
            {"task_id": 201, "bk_biz_id": 2, "period": "60s", "timeout": "3s",
             "steps": [{"method": "GET", "url": "http://127.0.0.1:1/health", "response_code": 200}]},
            {"task_id": 202, "bk_biz_id": 2, "period": "60s", "target_ip_type": 4, "dns_check_mode": "all",
             "available_duration": "2s", "insecure_skip_verify": "true", "disable_keep_alives": "true",
             "timeout": "5s",
             "steps": [
                 {"method": "GET", "url_list": ["127.0.0.1:1/login", "https://localhost:1/login"],
                  "headers": {"Accept": "text/html", "X-Token": "base64://YTogYiAjIGM="},
                  "response": "ok", "response_format": "in", "response_code": "200,302"},
                 {"method": "POST", "url": "http://127.0.0.1:1/api",
                  "headers": {"Content-Type": "application/json"}, "request": '{"ping": 1}',
                  "response": '"pong"', "response_format": "in"},
             ]},
        ]}),
    "bkmonitorbeat_udp.conf": ("The udp child template rendered with two tasks: a DNS-like query on loopback "
                               "and an echo check with three attempts.", {
        "tasks": [
            {"task_id": 301, "bk_biz_id": 2, "period": "60s", "timeout": "3s", "target_host": "127.0.0.1",
             "target_port": 53, "request": "0001", "request_format": "hex", "response": "",
             "response_format": "eq", "times": 2, "wait_empty_response": "false"},
            {"task_id": 302, "bk_biz_id": 2, "period": "60s", "timeout": "5s", "target_ip_type": 4,
             "dns_check_mode": "all", "target_host_list": ["localhost", "127.0.0.1"], "target_port": 7,
             "request": "hello", "response": "hello", "response_format": "startswith", "times": 3},
        ]}),
    "bkmonitorbeat_icmp.conf": ("The icmp child template rendered with two tasks: explicit targets with "
                                "labels, and CMDB nodes expanded by get_hosts_by_node().", {
        "labels": [{"bk_target_service_category_id": "", "bk_collect_config_id": 9}],
        "tasks": [
            {"task_id": 401, "bk_biz_id": 2, "period": "60s", "timeout": "3s", "max_rtt": "1s",
             "total_num": 3, "size": 56,
             "target_host_list": [{"target": "127.0.0.1", "target_type": "ip", "labels": {"rack": "a1"}},
                                  {"target": "localhost", "target_type": "domain"}]},
            {"task_id": 402, "bk_biz_id": 2, "period": "60s", "timeout": "5s", "total_num": 2,
             "target_hosts": [{"ip": "::1", "target_type": "ip"}], "node_list": ["module|5"]},
        ]}),
    "bkmonitorbeat_snmptrap.conf": ("The snmptrap child template rendered with a v2c listener (with an "
                                    "OID dictionary and dimensions) and a v3 listener with one USM user.", {
        "tasks": [
            {"task_id": 501, "bk_biz_id": 2, "dataid": 1100099, "target": "switches", "community": "public",
             "listen_ip": "127.0.0.1", "listen_port": 16201, "snmp_version": "2c", "aggregate": "true",
             "period": "1m", "oids": {"1.3.6.1.6.3.1.1.5.3": "linkDown", "1.3.6.1.2.1.2.2.1.1": "ifIndex"},
             "report_oid_dimensions": ["1.3.6.1.2.1.2.2.1.1.index"]},
            {"task_id": 502, "bk_biz_id": 2, "dataid": 1100099, "listen_ip": "127.0.0.1", "listen_port": 16202,
             "snmp_version": "v3",
             "usm_info": [{"msg_flags": "authpriv", "usm_config": {
                 "username": "bkuser", "authentication_protocol": "sha256",
                 "authentication_passphrase": "auth-pass-1", "privacy_protocol": "aes",
                 "privacy_passphrase": "priv-pass-1", "authoritative_engineID": "8000000001020304"}}]},
        ]}),
    "bkmonitorbeat_metricbeat.conf": ("The metricbeat child template rendered with one scrape of a "
                                      "node_exporter URL: basic auth, a query appended to the URL's own, "
                                      "relabel rules and a rate rule.", {
        "config_name": "node_exporter_scrape", "config_version": "1.0.0", "dataid": 1500123,
        "max_timeout": 100, "min_period": 3, "task_id": 701, "bk_biz_id": 2, "period": 60, "timeout": 10,
        "metric_url": "http://127.0.0.1:1/metrics?collect[]=cpu",
        "query": {"collect[]": "meminfo"}, "username": "prom", "password": "p@ss: #word",
        "labels": [{"bk_target_ip": "127.0.0.1", "bk_collect_config_id": "7"}],
        "diff_metrics": [],
        "metric_relabel_configs": [
            {"source_labels": ["__name__"], "regex": "go_.*", "action": "drop"},
            {"source_labels": ["instance"], "regex": "([^:]+):.*", "action": "replace",
             "target_label": "host", "replacement": "${1}"},
            {"source_labels": ["__name__"], "regex": "node_cpu_seconds_total", "action": "rate",
             "replacement": "node_cpu_seconds_rate"},
        ]}),
    "bkmonitorbeat_keyword.conf": ("The keyword child template rendered with one task: two rules (one with "
                                   "Go-style named groups), a filter and CMDB labels.", {
        "tasks": [
            {"task_id": 621, "bk_biz_id": 2, "dataid": 1100098, "path_list": ["/var/log/app/*.log"],
             "report_period": "1m", "filter_patterns": ["DEBUG"], "target": "0:127.0.0.1",
             "task_list": [{"name": "error", "pattern": "ERROR (?P<error_code>E\\d+)"},
                           {"name": "oom", "pattern": "OutOfMemoryError"}],
             "labels": [{"bk_collect_config_id": "59", "bk_target_ip": "127.0.0.1", "bk_target_cloud_id": "0"}]},
        ]}),
    "bkmonitorbeat_kubeevent.conf": ("The kubeevent child template rendered with one task following an "
                                     "event exporter's file, with a cluster label.", {
        "tasks": [
            {"task_id": 701, "bk_biz_id": 2, "dataid": 1100097, "tail_files": ["/data/bkunifylogbeat/events.log"],
             "interval": "1m", "upmetrics_dataid": 1100017, "labels": [{"bcs_cluster_id": "BCS-K8S-00000"}]},
        ]}),
    "bkmonitorbeat_proccustom.conf": ("The proccustom child template rendered for Java processes: perf and "
                                      "port events, a named extract group, one target label and a tag.", {
        "config": {"period": "1m", "dataid": 1500008, "taskid": 536870999, "port_dataid": 1500009,
                   "match_pattern": "java", "exclude_pattern": "jdk\\.jcmd", "process_name": "",
                   "extract_pattern": "-Dapp=(?P<app>\\w+)", "pid_path": "", "port_detect": True,
                   "labels": [{"bk_target_ip": "127.0.0.1", "bk_target_cloud_id": "0",
                               "bk_collect_config_id": "5", "bk_biz_id": "2"}],
                   "tags": {"team": "infra"}}}),
    "bkmonitorbeat_script.conf": ("The script child template rendered with one local task: a command with "
                                  "user_env expansion and a label group.", {
        "config_name": "script_task", "config_version": "1.0.0", "dataid": 1500001, "task_id": 601,
        "bk_biz_id": 2, "period": 60, "timeout": 10,
        "command": "/bin/echo 'bkm_script_example{source=\"$SOURCE\"} 1'",
        "user_env": {"SOURCE": "template"}, "timestamp_unit": "ms",
        "labels": [{"bk_target_ip": "127.0.0.1", "bk_collect_config_id": "7"}]}),
}


def main(names):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True)
    for name in names or SAMPLES:
        comment, variables = SAMPLES[name]
        template = env.get_template(name + ".tpl")
        text = template.render(get_hosts_by_node=hosts_by_node, **variables)
        (EXAMPLES / name).write_text("# " + comment + "\n" + text.lstrip("\n"))
        print("rendered", EXAMPLES / name)


if __name__ == "__main__":
    main(sys.argv[1:])
