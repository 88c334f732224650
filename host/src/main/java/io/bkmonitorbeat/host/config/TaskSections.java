package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the task sections of the main file ({@code bkmonitorbeat.<x>_task}) and cleans them. The
 * type is {@code x}, except {@code trap_task}, whose type is {@code snmptrap}; an unknown {@code
 * <x>_task} is type {@code x} so third-party plugins can have sections. An error aborts loading.
 * Stateless; thread-safe.
 */
final class TaskSections {
  private static final String SUFFIX = "_task";

  private TaskSections() {}

  static List<TaskSpec> fromMain(Settings bk) {
    TaskSpec.Source source = new TaskSpec.Source(bk.source(), "", "");
    List<TaskSpec> tasks = new ArrayList<>();
    for (String key : bk.keys()) {
      if (key.endsWith(SUFFIX) && key.length() > SUFFIX.length() && bk.has(key)) {
        tasks.addAll(TaskCleaner.clean(typeOf(key), bk.section(key), source));
      }
    }
    return List.copyOf(tasks);
  }

  static String typeOf(String sectionKey) {
    String type = sectionKey.substring(0, sectionKey.length() - SUFFIX.length());
    return "trap".equals(type) ? "snmptrap" : type;
  }
}
