package io.bkmonitorbeat.api;

/**
 * A setting is missing or invalid. The message names the configuration file, the full key path
 * and the offending value, for example {@code /etc/bkmonitorbeat/tcp.conf: tasks[0].target_port:
 * must be between 1 and 65535, was '0'}.
 *
 * @since 1.0.0
 */
public class ConfigException extends CollectorException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a complete message. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates an exception with a complete message and its cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
