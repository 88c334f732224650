package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * JSON encoding of events: map keys sorted as Go's {@code encoding/json} does, so payloads are
 * deterministic and diffable against the Go collector's. HTML characters are not escaped
 * (consumers parse JSON; Go's escaping of {@code <>&} is cosmetic). Thread-safe.
 */
final class EventJson {
  private EventJson() {}

  static void write(OutputStream out, Map<String, Object> fields) throws IOException {
    Json.write(out, fields, true);
  }

  static byte[] bytes(Map<String, Object> fields) throws IOException {
    return Json.bytes(fields, true);
  }
}
