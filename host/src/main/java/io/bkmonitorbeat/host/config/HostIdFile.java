package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads the host-id file once, for a config load: {@code ignore_cmdb_level} gives the dummy
 * identity without reading; a missing file is {@link HostIdInfo#EMPTY}, or a {@link
 * ConfigException} with {@code must_host_id_exist}; a malformed file is EMPTY plus a warning (it
 * must not stop the agent). No logging. Thread-safe.
 */
final class HostIdFile {
  /** What {@code ignore_cmdb_level} gives: IP 127.0.0.1, cloud 0, no CMDB levels. */
  static final HostIdInfo IGNORED =
      new HostIdInfo("127.0.0.1", 0, 0, "", 0, 0, List.of(), "", List.of(), false);

  private HostIdFile() {}

  static HostIdInfo read(HostIdSettings settings, String mainFile, List<String> warnings) {
    if (settings.ignoreCmdbLevel()) {
      return IGNORED;
    }
    requirePresent(settings, mainFile);
    if (!Files.isRegularFile(settings.path())) {
      return HostIdInfo.EMPTY;
    }
    try {
      return HostIdParser.parse(
          Files.readString(settings.path()), settings.cmdbLevelMaxLength(), warnings);
    } catch (IOException | IllegalArgumentException e) {
      warnings.add(settings.path() + ": host-id file ignored: " + e.getMessage());
      return HostIdInfo.EMPTY;
    }
  }

  /** Throws when {@code must_host_id_exist} is set and the file is missing. */
  static void requirePresent(HostIdSettings settings, String mainFile) {
    if (settings.mustExist() && !settings.ignoreCmdbLevel()
        && !Files.isRegularFile(settings.path())) {
      throw new ConfigException(mainFile + ": bkmonitorbeat.host_id_path: the host-id file must"
          + " exist (must_host_id_exist), was '" + settings.path() + "'");
    }
  }
}
