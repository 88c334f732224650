package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.ErrorCode;

/**
 * What one HTTP scrape gave: a 2xx body, or a failure with its code and message.
 *
 * @param code {@link ErrorCode#OK}, {@link ErrorCode#CONN_REFUSED} (request failed), {@link
 *     ErrorCode#REQUEST_TIMEOUT} (no complete response within the timeout), {@link
 *     ErrorCode#RESPONSE_NOT_MATCH} (status not 2xx) or {@link ErrorCode#RESPONSE_FAILED} (the body
 *     was larger than {@code max_body_bytes})
 * @param message the failure for {@code error.message}, empty on success
 * @param status the HTTP status, 0 when there was no response
 * @param body the response body (empty on failure)
 * @param seconds time from sending the request to the complete body
 */
record ScrapeOutcome(ErrorCode code, String message, int status, byte[] body, double seconds) {

  static ScrapeOutcome failed(ErrorCode code, String message, int status, double seconds) {
    return new ScrapeOutcome(code, message, status, new byte[0], seconds);
  }

  boolean ok() {
    return code == ErrorCode.OK;
  }
}
