package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.ErrorCode;

/** A request that failed with an error code; the message becomes the event's {@code message}. */
final class ProbeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  ProbeFailure(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  ProbeFailure(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }
}
