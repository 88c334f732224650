package io.bkmonitorbeat.host.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the host knows of one plugin jar: loaded and serving task types, or failed and why.
 *
 * @param id the {@code Plugin-Id}, or the jar's file name when the manifest could not be read
 * @param version the {@code Plugin-Version}, or empty
 * @param provider the {@code Plugin-Provider}, or empty
 * @param jar the jar file
 * @param types the task types the plugin serves (empty when it failed)
 * @param failure why the plugin is not running, or empty when it runs
 */
public record PluginStatus(
    String id, String version, String provider, Path jar, List<String> types, String failure) {

  /** Validates and copies the components. */
  public PluginStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(jar, "jar");
    types = List.copyOf(types);
    Objects.requireNonNull(failure, "failure");
  }

  /** Returns whether the plugin is running. */
  public boolean running() {
    return failure.isEmpty();
  }

  /** Returns {@code id@version}, the label used in logs. */
  public String label() {
    return version.isEmpty() ? id : id + "@" + version;
  }
}
