package io.bkmonitorbeat.plugin.procsync;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.configwriter.ConfigFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each run (spec 8.3): renders a proccustom child config for every usable file of the source
 * directory and makes the {@code monitor_process*} files of {@code dst_dir} exactly that set -
 * changed files replaced atomically, stale ones deleted, unchanged ones not touched - then asks
 * the host to reload if anything changed. No events.
 *
 * <p>Gap 18: the original wrote under the source file names but compared only destination files
 * named {@code monitor_process*}, so a source with another name was rewritten, and the host
 * reloaded, on every run. Here every destination name starts with {@code monitor_process} (a
 * source named otherwise gets the prefix {@code monitor_process_}) and ends with {@code .conf}, so
 * the set written is the set compared and an unchanged source changes nothing. A source file
 * that cannot be used is skipped with a warning, but the output it produced before is kept.
 *
 * <p>Runs never overlap (host guarantee), so the fields need no locking.
 */
final class ProcsyncCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(ProcsyncCollector.class);
  static final String PREFIX = "monitor_process";
  private static final String SUFFIX = ".conf";

  private final CollectorContext context;
  private final ProcsyncSettings settings;
  private final Map<String, String> reportedProblems = new TreeMap<>();

  ProcsyncCollector(CollectorContext context, ProcsyncSettings settings) {
    this.context = context;
    this.settings = settings;
  }

  /** What one run derived from the source directory. */
  private record Generated(Map<String, byte[]> files, Set<String> broken) {}

  @Override
  public void collect(Instant deadline) throws IOException {
    Generated generated = generate();
    Map<String, byte[]> wanted = generated.files();
    if (wanted.isEmpty()) {
      return; // as the original: no usable source keeps the destination as it is
    }
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : wanted.entrySet()) {
      if (ConfigFiles.writeIfChanged(settings.dstDir().resolve(file.getKey()), file.getValue())) {
        changes.add("wrote " + file.getKey());
      }
    }
    for (Path stale : destinationFiles()) {
      String name = stale.getFileName().toString();
      // A source that is broken right now (say, half written) keeps its last good output.
      if (!wanted.containsKey(name) && !generated.broken().contains(name)
          && ConfigFiles.delete(stale)) {
        changes.add("deleted " + stale.getFileName());
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    String what = String.join(", ", changes) + " in " + settings.dstDir();
    log.info("{}: {}", context.task().label(), what);
    if (!context.requestReload(what)) {
      log.warn("{}: the host does not reload on request; the change takes effect at its next"
          + " reload", context.task().label());
    }
  }

  /**
   * Destination name to content for every usable source file, sorted by name, and the
   * destination names of the unusable ones.
   */
  private Generated generate() throws IOException {
    Map<String, byte[]> wanted = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    Set<String> broken = new TreeSet<>();
    for (Path source : sourceFiles()) {
      String name = source.getFileName().toString();
      try {
        wanted.put(destinationName(name), ProccustomConfig.render(source.toString(),
            Files.readAllBytes(source)));
      } catch (ConfigException | IOException e) {
        problems.put(name, e.getMessage());
        broken.add(destinationName(name));
      }
    }
    reportNew(problems);
    return new Generated(wanted, broken);
  }

  // A broken source file is skipped every run; say so when its problem is new, not every minute.
  private void reportNew(Map<String, String> problems) {
    problems.forEach((name, problem) -> {
      if (!problem.equals(reportedProblems.get(name))) {
        log.warn("{}: source file skipped: {}", context.task().label(), problem);
      }
    });
    reportedProblems.clear();
    reportedProblems.putAll(problems);
  }

  static String destinationName(String sourceName) {
    String name = sourceName.startsWith(PREFIX) ? sourceName : PREFIX + "_" + sourceName;
    return name.endsWith(SUFFIX) ? name : name + SUFFIX;
  }

  private List<Path> sourceFiles() throws IOException {
    return list(settings.srcDir()).stream()
        .filter(path -> !path.getFileName().toString().startsWith("."))
        .toList();
  }

  private List<Path> destinationFiles() throws IOException {
    return list(settings.dstDir()).stream()
        .filter(path -> path.getFileName().toString().startsWith(PREFIX))
        .toList();
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  @Override
  public void close() {}
}
