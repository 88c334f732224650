package io.bkmonitorbeat.host.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The host's own version, as built (for {@code -v} and the heartbeat). */
public final class HostVersion {
  private static final String VERSION = read();

  private HostVersion() {}

  /** Returns the host version, e.g. {@code 0.1.0}. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = HostVersion.class.getResourceAsStream("/io/bkmonitorbeat/host/host-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
