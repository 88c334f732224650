package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * The result of one configuration load: the main config, every accepted task, and what was put
 * aside or looked wrong. Immutable.
 *
 * @param agent the interpreted main file
 * @param tasks accepted tasks, de-duplicated by ident (first occurrence wins): global sections in
 *     file order, then child files in include order
 * @param problems child files put aside; the heartbeat's {@code error_tasks}
 * @param warnings unknown keys and an unusable host-id file, each naming file and key path
 * @param configErrorCode the heartbeat's {@code config_error_code}: 111 when {@code include} is not
 *     configured, else 0
 * @param hostId the host-id information the identity was derived from
 */
public record LoadedConfig(
    AgentConfig agent,
    List<TaskSpec> tasks,
    List<ConfigProblem> problems,
    List<String> warnings,
    int configErrorCode,
    HostIdInfo hostId) {
  /** {@code config_error_code} when {@code include} is not configured. */
  public static final int NO_INCLUDE = 111;

  /** Validates and copies the components. */
  public LoadedConfig {
    Objects.requireNonNull(agent, "agent");
    tasks = List.copyOf(tasks);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(hostId, "hostId");
  }
}
