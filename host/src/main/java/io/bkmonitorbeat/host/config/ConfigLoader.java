package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads the whole configuration: the main file, its task sections, the child files of {@code
 * include}, and the host-id identity override. Errors in the main file throw a {@link
 * io.bkmonitorbeat.api.ConfigException} (start-up or reload fails); broken child files are
 * returned as problems. Pure apart from reading files; no logging. Thread-safe.
 */
public final class ConfigLoader {
  /** The child-file {@code type}s the original knows (spec 4.1), {@code static} included (G-13). */
  public static final Set<String> BUILT_IN_TYPES =
      Set.of(
          "http", "tcp", "udp", "ping", "script", "metricbeat", "snmptrap", "keyword",
          "kubeevent", "dmesg", "basereport", "exceptionbeat", "processbeat", "procconf",
          "proccustom", "procsync", "procstatus", "procbin", "procsnapshot", "socketsnapshot",
          "shellhistory", "rpmpackage", "loginlog", "timesync", "selfstats", "static");

  private ConfigLoader() {}

  /** Loads {@code mainFile}, reading the host-id file it names once. */
  public static LoadedConfig load(Path mainFile) {
    return load(mainFile, null, BUILT_IN_TYPES::contains);
  }

  /**
   * Loads {@code mainFile} with host-id information the caller already has (a {@link
   * HostIdWatcher}'s current content), so a reload does not re-read the file.
   */
  public static LoadedConfig load(Path mainFile, HostIdInfo hostId) {
    return load(mainFile, Objects.requireNonNull(hostId, "hostId"), BUILT_IN_TYPES::contains);
  }

  /**
   * Loads {@code mainFile}.
   *
   * @param hostId the host-id information, or null to read the file the config names
   * @param childTypes which child-file {@code type}s are accepted (e.g. the loaded plugins')
   */
  public static LoadedConfig load(Path mainFile, HostIdInfo hostId, Predicate<String> childTypes) {
    Objects.requireNonNull(mainFile, "mainFile");
    Objects.requireNonNull(childTypes, "childTypes");
    String source = mainFile.toString();
    Settings root = Settings.of(source, "", YamlReader.read(mainFile));
    List<String> warnings = new ArrayList<>(UnknownKeys.find(root));
    HostIdSettings hostIdSettings = HostIdSettings.from(root.section("bkmonitorbeat"));
    HostIdInfo info;
    if (hostId == null) {
      info = HostIdFile.read(hostIdSettings, source, warnings);
    } else {
      HostIdFile.requirePresent(hostIdSettings, source);
      info = hostIdSettings.ignoreCmdbLevel() ? HostIdFile.IGNORED : hostId;
    }
    AgentConfig agent = AgentConfigParser.parse(mainFile, root, info);
    List<TaskSpec> tasks = new ArrayList<>(TaskSections.fromMain(agent.bkmonitorbeat()));
    ChildConfigLoader.Result children =
        ChildConfigLoader.load(agent.include(), childTypes, source);
    tasks.addAll(children.tasks());
    int code = agent.include().configured() ? 0 : LoadedConfig.NO_INCLUDE;
    return new LoadedConfig(agent, dedup(tasks), children.problems(), warnings, code, info);
  }

  private static List<TaskSpec> dedup(List<TaskSpec> tasks) {
    Map<String, TaskSpec> byIdent = new LinkedHashMap<>();
    tasks.forEach(task -> byIdent.putIfAbsent(task.ident(), task));
    return List.copyOf(byIdent.values());
  }
}
