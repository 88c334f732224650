package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.Durations;
import io.bkmonitorbeat.configwriter.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the processbeat child config (spec 6.2 step 4). Stateless. */
final class ProcessbeatConfig {
  private ProcessbeatConfig() {}

  /** Returns the file's bytes; the same input always gives the same bytes. */
  static byte[] render(ProcconfSettings settings, List<ProcessDefinition> processes) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("type", "processbeat");
    config.put("name", "processbeat_task");
    config.put("task_id", 0);
    config.put("version", "1.0.0");
    config.put("portdataid", settings.portDataId());
    config.put("topdataid", settings.topDataId());
    config.put("perfdataid", settings.perfDataId());
    config.put("period", Durations.format(settings.period()));
    config.put("hostfilepath", "");
    config.put("processes", processes.stream().map(ProcessDefinition::toYaml).toList());
    config.put("cmdb_level_max_length", 0);
    config.put("ignore_cmdb_level", false);
    config.put("must_host_id_exist", false);
    config.put("monitor_collector_path", "");
    config.put("converge_pid", settings.convergePid());
    // Gap 16: the original wrote the mis-tagged 'maxnolistenports', a key processbeat never
    // reads; the key processbeat reads is written here (0 = its default of 100).
    config.put("max_nolisten_ports", 0);
    config.put("disable", false);
    return YamlText.render(config);
  }
}
