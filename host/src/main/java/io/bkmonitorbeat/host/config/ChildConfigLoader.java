package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads the child files of {@code bkmonitorbeat.include} (spec 4.1, 4.2): each file's wrapper
 * ({@code type}, {@code name}, {@code version}), its tasks cleaned as in 4.3, their idents
 * re-hashed with the wrapper, and files repeating an already seen ident put aside whole (4.4). A
 * broken, empty or unknown-type file is put aside as a {@link ConfigProblem}; the rest loads.
 * Stateless; thread-safe.
 */
final class ChildConfigLoader {
  private ChildConfigLoader() {}

  /** The accepted tasks and the files put aside. */
  record Result(List<TaskSpec> tasks, List<ConfigProblem> problems) {}

  static Result load(IncludeSettings include, Predicate<String> knownType, String mainFile) {
    if (include.path().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    IncludeFiles.Listing listing =
        IncludeFiles.list(include.path().get(), include.recursive(), mainFile);
    List<TaskSpec> tasks = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>(listing.problems());
    Set<String> seen = new HashSet<>();
    for (Path file : listing.files()) {
      List<TaskSpec> fileTasks;
      try {
        fileTasks = loadFile(file, knownType);
      } catch (ConfigException e) {
        problems.add(new ConfigProblem(file.toString(), e.getMessage()));
        continue;
      }
      Set<String> idents = new HashSet<>();
      boolean repeat = fileTasks.stream().anyMatch(t -> seen.contains(t.ident())
          || !idents.add(t.ident()));
      if (repeat) {
        problems.add(new ConfigProblem(file.toString(), "repeat: a task of this file is already"
            + " configured (same ident); the whole file is ignored"));
        continue;
      }
      seen.addAll(idents);
      tasks.addAll(fileTasks);
    }
    return new Result(List.copyOf(tasks), List.copyOf(problems));
  }

  static List<TaskSpec> loadFile(Path file, Predicate<String> knownType) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(source + ": cannot read: " + e, e);
    }
    if (text.isBlank()) {
      throw new ConfigException(source + ": empty file");
    }
    Settings root = Settings.of(source, "", YamlReader.parse(source, text));
    String type = required(root, "type");
    String name = required(root, "name");
    String version = required(root, "version");
    if (!knownType.test(type)) {
      throw root.error("type", "is not a known task type");
    }
    Map<String, Object> rest = new LinkedHashMap<>(root.asMap());
    rest.keySet().removeAll(List.of("type", "name", "version"));
    TaskSpec.Source where = new TaskSpec.Source(source, name, version);
    List<TaskSpec> tasks = TaskCleaner.clean(type, Settings.of(source, "", rest), where);
    return tasks.stream()
        .map(t -> TaskCleaner.withIdent(t, TaskIdent.child(t.ident(), version, name, type)))
        .toList();
  }

  // Numbers are accepted and stringified (version: 1.0 is common).
  private static String required(Settings root, String key) {
    String value = root.string(key, "").trim();
    if (value.isEmpty()) {
      throw root.error(key, "is required");
    }
    return value;
  }
}
