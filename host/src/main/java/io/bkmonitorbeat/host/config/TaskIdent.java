package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Task identity ("ident", spec 4.4): SHA-1 over the canonical form of a cleaned task. Identical
 * configurations give identical idents, any change gives a new one; schedulers use it to decide
 * "same task" across reloads. Stateless; thread-safe.
 */
final class TaskIdent {
  // Orders label pairs as the original does: longer key first, then key descending.
  private static final Comparator<Map.Entry<String, String>> LABEL_ORDER =
      Comparator.<Map.Entry<String, String>>comparingInt(e -> e.getKey().length())
          .reversed()
          .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());

  private TaskIdent() {}

  /**
   * Returns the base ident of a cleaned task: its type, the cleaned common fields, its labels
   * (each group as sorted pairs), and its whole settings map and section (keys sorted).
   */
  static String base(TaskSpec task) {
    CanonicalEncoder encoder = new CanonicalEncoder();
    encoder.string(task.type());
    encoder.value(task.taskId()).value(task.dataId()).value(task.bizId());
    encoder.value(task.period().toNanos()).value(task.timeout().toNanos());
    encoder.value(task.availableDuration().toNanos());
    encoder.value(canonicalLabels(task.labels()));
    encoder.value(task.settings().asMap());
    encoder.value(task.section().asMap());
    return encoder.sha1();
  }

  /** Returns the ident of a child-file task: the base ident re-hashed with the file's wrapper. */
  static String child(String base, String version, String name, String type) {
    return new CanonicalEncoder().string(base).string(version).string(name).string(type).sha1();
  }

  private static List<List<List<String>>> canonicalLabels(List<Map<String, String>> groups) {
    List<List<List<String>>> result = new ArrayList<>();
    for (Map<String, String> group : groups) {
      result.add(
          group.entrySet().stream()
              .sorted(LABEL_ORDER)
              .map(e -> List.of(e.getKey(), e.getValue()))
              .toList());
    }
    return result;
  }
}
