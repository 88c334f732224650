package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.proc.ProcessInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches processes to process definitions (spec 5.2): a process is a candidate of a definition
 * when the definition's name equals the process's name, its exe, the exe's basename, the first
 * space-separated token of its command line or that token's basename; then a non-empty {@code
 * paramregex} must be found in the command line. Regexes are compiled once; an invalid one matches
 * nothing and is logged once here. Immutable after construction; {@link #match} is thread-safe.
 */
final class ProcessMatcher {
  private static final Logger log = LoggerFactory.getLogger(ProcessMatcher.class);

  private final List<ProcessConfig> configs;
  private final Map<String, List<Integer>> byName = new HashMap<>();
  private final Pattern[] patterns;
  private final boolean[] invalid;

  ProcessMatcher(List<ProcessConfig> configs, String label) {
    this.configs = List.copyOf(configs);
    this.patterns = new Pattern[configs.size()];
    this.invalid = new boolean[configs.size()];
    for (int i = 0; i < configs.size(); i++) {
      ProcessConfig config = configs.get(i);
      byName.computeIfAbsent(config.name(), k -> new ArrayList<>()).add(i);
      try {
        patterns[i] = config.compiledParamRegex();
      } catch (PatternSyntaxException e) {
        invalid[i] = true;
        log.warn("{}: process '{}': paramregex '{}' is not a valid regex ({}); it matches no"
            + " process", label, config.name(), config.paramRegex(), e.getDescription());
      }
    }
  }

  /**
   * Returns, for every definition in configured order, the processes it matched (possibly none).
   * A process matched by several definitions appears under each.
   */
  Map<ProcessConfig, List<ProcessInfo>> match(List<ProcessInfo> processes) {
    List<List<ProcessInfo>> hits = new ArrayList<>(configs.size());
    for (int i = 0; i < configs.size(); i++) {
      hits.add(new ArrayList<>());
    }
    for (ProcessInfo process : processes) {
      if (process.cmdline().isEmpty() && process.exe().isEmpty()) {
        matchCandidate(process, process.name(), hits, null);
        continue;
      }
      String exe = process.exe();
      String token = process.firstToken();
      // A definition is matched once per process even if several candidate names equal it.
      boolean[] done = new boolean[configs.size()];
      matchCandidate(process, process.name(), hits, done);
      matchCandidate(process, exe, hits, done);
      matchCandidate(process, ProcessInfo.basename(exe), hits, done);
      matchCandidate(process, token, hits, done);
      matchCandidate(process, ProcessInfo.basename(token), hits, done);
    }
    Map<ProcessConfig, List<ProcessInfo>> result = new LinkedHashMap<>();
    for (int i = 0; i < configs.size(); i++) {
      result.put(configs.get(i), hits.get(i));
    }
    return result;
  }

  private void matchCandidate(ProcessInfo process, String candidate,
      List<List<ProcessInfo>> hits, boolean[] done) {
    if (candidate.isEmpty()) {
      return;
    }
    List<Integer> indexes = byName.get(candidate);
    if (indexes == null) {
      return;
    }
    for (int i : indexes) {
      if (done != null && done[i]) {
        continue;
      }
      if (done != null) {
        done[i] = true;
      }
      if (invalid[i]) {
        continue;
      }
      if (patterns[i] == null || patterns[i].matcher(process.cmdline()).find()) {
        hits.get(i).add(process);
      }
    }
  }
}
