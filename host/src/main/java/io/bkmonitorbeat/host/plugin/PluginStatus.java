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
 * @param failure why the plugin is not running, or empty when it runs; for a running plugin, why
 *     its replacement was rejected (or that its jar was removed while it keeps running)
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

  /** Returns whether the plugin is running (it serves at least one task type). */
  public boolean running() {
    return !types.isEmpty();
  }

  /** Returns {@code STARTED} or {@code FAILED}. */
  public String state() {
    return running() ? "STARTED" : "FAILED";
  }

  /** Returns a copy with {@code failure} as the failure text. */
  public PluginStatus withFailure(String failure) {
    return new PluginStatus(id, version, provider, jar, types, failure);
  }

  /** Returns {@code id@version}, the label used in logs. */
  public String label() {
    return version.isEmpty() ? id : id + "@" + version;
  }
}
