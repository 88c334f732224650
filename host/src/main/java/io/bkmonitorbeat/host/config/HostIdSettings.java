package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how to read the CMDB host-id file (spec 3.6).
 *
 * @param path {@code host_id_path}, default {@code /var/lib/gse/host/hostid}
 * @param cmdbLevelMaxLength {@code cmdb_level_max_length}, default 10
 * @param ignoreCmdbLevel {@code ignore_cmdb_level}: use the dummy identity, never read the file
 * @param mustExist {@code must_host_id_exist}: a missing file fails loading
 */
public record HostIdSettings(
    Path path, int cmdbLevelMaxLength, boolean ignoreCmdbLevel, boolean mustExist) {
  /** The default {@code host_id_path}. */
  public static final String DEFAULT_PATH = "/var/lib/gse/host/hostid";
  /** The default {@code cmdb_level_max_length}. */
  public static final int DEFAULT_MAX_LEVELS = 10;

  /** Validates the components; a non-positive level count becomes the default. */
  public HostIdSettings {
    Objects.requireNonNull(path, "path");
    cmdbLevelMaxLength = cmdbLevelMaxLength > 0 ? cmdbLevelMaxLength : DEFAULT_MAX_LEVELS;
  }

  static HostIdSettings from(Settings bk) {
    String path = bk.string("host_id_path", "");
    return new HostIdSettings(
        Path.of(path.isBlank() ? DEFAULT_PATH : path),
        bk.integer("cmdb_level_max_length", DEFAULT_MAX_LEVELS),
        bk.bool("ignore_cmdb_level", false),
        bk.bool("must_host_id_exist", false));
  }
}
