package io.bkmonitorbeat.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task's configuration after the host cleaned it: the common keys bkmonitorbeat gives every
 * task, already defaulted and clamped, plus the raw settings for the plugin to read.
 *
 * <p>Cleaning (bkmonitorbeat's {@code CleanTask}): {@code timeout} is at most the section's {@code
 * max_timeout} and at most {@code period}; {@code period} is at least {@code min_period}; a task
 * {@code dataid} of 0 takes the section's; {@code available_duration} defaults to the timeout as
 * configured, before clamping.
 *
 * @param type the task type, e.g. {@code "tcp"}
 * @param ident the task's identity: a hash of its cleaned configuration (and, for a child file,
 *     of the file's type, name and version); equal idents mean the same task across reloads
 * @param taskId the configured {@code task_id}
 * @param dataId the data id of the task's events
 * @param bizId the business id: {@code bk_biz_id}, or the {@code bk_biz_id} of its labels
 * @param period the interval between runs
 * @param timeout the longest a run may take
 * @param availableDuration a successful probe slower than this is reported as {@link
 *     ErrorCode#TIMEOUT}
 * @param labels the task's label groups ({@code group_info}), in configured order
 * @param settings every key of the task as configured (the plugin reads its own keys here)
 * @param section the enclosing section without its {@code tasks} list: the {@code <type>_task}
 *     section of the main file or the child file ({@code max_buffer_size}, {@code max_times}, ...)
 * @param source where the task came from: the file, its {@code name} and {@code version}
 * @since 1.0.0
 */
public record TaskSpec(
    String type,
    String ident,
    int taskId,
    int dataId,
    int bizId,
    Duration period,
    Duration timeout,
    Duration availableDuration,
    List<Map<String, String>> labels,
    Settings settings,
    Settings section,
    Source source) {

  /** Validates and defensively copies the components. */
  public TaskSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ident, "ident");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(availableDuration, "availableDuration");
    labels = labels.stream().map(TaskSpec::orderedCopy).toList();
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(source, "source");
  }

  /** Copies a label group keeping its configured order (events list the labels in that order). */
  private static Map<String, String> orderedCopy(Map<String, String> group) {
    Map<String, String> copy = new LinkedHashMap<>();
    group.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "label key"),
        Objects.requireNonNull(value, () -> "label '" + key + "'")));
    return Collections.unmodifiableMap(copy);
  }

  /** Returns a short label for logs: {@code type/taskId}. */
  public String label() {
    return type + "/" + taskId;
  }

  /**
   * Where a task was configured.
   *
   * @param file the configuration file's path
   * @param name the child file's {@code name}, or empty for a section of the main file
   * @param version the child file's {@code version}, or empty for a section of the main file
   */
  public record Source(String file, String name, String version) {
    /** Validates the components. */
    public Source {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
    }
  }
}
