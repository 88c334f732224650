package io.bkmonitorbeat.api;

/**
 * The root of the API's unchecked exceptions.
 *
 * @since 1.0.0
 */
public class CollectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public CollectorException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public CollectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
