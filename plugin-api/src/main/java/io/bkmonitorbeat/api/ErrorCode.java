package io.bkmonitorbeat.api;

/**
 * The error ("up") codes of bkmonitorbeat events, carried in {@code error_code} and {@code
 * bkm_up_code}. Consumers key alarms on these numbers; never renumber.
 *
 * @since 1.0.0
 */
public enum ErrorCode {
  /** Success. */
  OK(0, "Ok"),
  /** Initial value; a failure that fits no other code. */
  UNKNOWN(1, "Unknown"),
  /** The run was cancelled. */
  CANCELED(2, "Canceled"),
  /** The probe succeeded but took longer than {@code available_duration}. */
  TIMEOUT(3, "Timeout"),
  /** A TCP connect failed (other than by timeout), or a UDP socket could not be opened. */
  CONN_FAILED(1000, "ConnFailed"),
  /** A TCP connect timed out. */
  CONN_TIMEOUT(1001, "ConnTimeout"),
  /** A domain did not resolve, or resolved to no address. */
  DNS_RESOLVE_FAILED(1004, "DNSResolveFailed"),
  /** Writing the request failed. */
  REQUEST_FAILED(1100, "RequestFailed"),
  /** Writing the request or reading the response timed out. */
  REQUEST_TIMEOUT(1101, "RequestTimeout"),
  /** The request could not be built from the configuration. */
  BAD_REQUEST_PARAMS(1103, "BadRequestParams"),
  /** Reading the response failed. */
  RESPONSE_FAILED(1200, "ResponseFailed"),
  /** The response (status code or content) did not match the expectation. */
  RESPONSE_NOT_MATCH(1202, "ResponseNotMatch"),
  /** The domain has no address of the requested IP family. */
  IP_NOT_FOUND(1211, "IPNotFound"),
  /** The URL cannot be parsed. */
  INVALID_URL(1213, "InvalidURL"),
  /** A temporary file could not be written. */
  WRITE_TEMP_FILE_FAILED(1501, "WriteTempFileFailed"),
  /** An IP address is invalid. */
  INVALID_IP(2102, "InvalidIP"),
  /** A script could not run or exited non-zero. */
  SCRIPT_RUN_FAILED(2301, "ScriptRunFailed"),
  /** A script printed nothing but white space. */
  SCRIPT_NO_OUTPUT(2303, "ScriptNoOutput"),
  /** A script was killed at its timeout. */
  SCRIPT_RUN_TIMEOUT(2304, "ScriptRunTimeout"),
  /** The peer refused the connection (UDP: ICMP port unreachable). */
  CONN_REFUSED(2501, "ConnRefused"),
  /** Lines that are not in the Prometheus text format. */
  INVALID_PROM_FORMAT(2502, "InvalidPromFormat");

  private final int code;
  private final String upCodeName;

  ErrorCode(int code, String upCodeName) {
    this.code = code;
    this.upCodeName = upCodeName;
  }

  /** Returns the numeric code as it appears on the wire. */
  public int code() {
    return code;
  }

  /** Returns the name bkmonitorbeat uses for {@code bkm_up_code_name}, e.g. {@code ConnFailed}. */
  public String upCodeName() {
    return upCodeName;
  }

  /**
   * Returns the constant with this numeric code.
   *
   * @throws IllegalArgumentException if no constant has it
   */
  public static ErrorCode of(int code) {
    for (ErrorCode value : values()) {
      if (value.code == code) {
        return value;
      }
    }
    throw new IllegalArgumentException("no error code " + code);
  }
}
