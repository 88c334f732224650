package io.bkmonitorbeat.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this API, which follows semantic versioning: a minor release only adds (new
 * types, default methods); a major release may remove. A plugin declares the range it works with
 * in its manifest as {@code Plugin-Requires: >=1.0.0 & <2.0.0}; the host refuses plugins whose
 * range does not contain {@link #VERSION}.
 *
 * @since 1.0.0
 */
public final class PluginApi {

  /** The running API version, {@code major.minor.patch}. */
  public static final String VERSION = readVersion();

  private PluginApi() {}

  private static String readVersion() {
    try (InputStream in = PluginApi.class.getResourceAsStream("api-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("api-version.properties missing from the plugin API jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
