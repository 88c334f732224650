package io.bkmonitorbeat.prom;

/**
 * A malformed line that was skipped.
 *
 * @param lineNumber 1-based line number in the payload
 * @param reason what is wrong, e.g. {@code "expected '=' after label name at column 12"}
 * @param line the offending line, cut to {@value PromTextParser#MAX_ERROR_LINE_CHARS} characters
 */
public record ParseError(long lineNumber, String reason, String line) {

  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason + ": " + line;
  }
}
