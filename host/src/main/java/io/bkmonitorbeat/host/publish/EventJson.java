package io.bkmonitorbeat.host.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * JSON encoding of events: map keys sorted as Go's {@code encoding/json} does, so payloads are
 * deterministic and diffable against the Go collector's. HTML characters are not escaped
 * (consumers parse JSON; Go's escaping of {@code <>&} is cosmetic). Thread-safe.
 */
final class EventJson {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .writer();

  private EventJson() {}

  static void write(OutputStream out, Map<String, Object> fields) throws IOException {
    WRITER.writeValue(out, fields);
  }

  static byte[] bytes(Map<String, Object> fields) throws IOException {
    return WRITER.writeValueAsBytes(fields);
  }
}
