package io.bkmonitorbeat.host.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON values as plain Java (maps, lists, strings, numbers, booleans, null), read and written
 * with jackson-core's streaming parser and generator: the host reads configs, the host-id file,
 * agent info and its own state files, and writes events, all of them such values.
 *
 * <p>Why not jackson-databind's {@code ObjectMapper}: it loads some 500 classes (about 2.5 MB of
 * resident memory in a daemon that aims at 64 MB) to do what these few methods do. Plugins may
 * still use databind from the host's {@code lib/}; it then loads for them alone.
 *
 * <p>Thread-safe: the factory is shared, parsers and generators are per call.
 */
public final class Json {
  /** The shared factory, with jackson-core's default features. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /**
   * Reads the next value from {@code parser}: objects become {@link LinkedHashMap}s in document
   * order (a repeated key: the last wins), arrays {@link ArrayList}s, integers {@link Integer},
   * {@link Long} or {@link BigInteger} by size, other numbers {@link Double}; an embedded YAML
   * value (such as {@code !!binary}) is returned as the parser gives it.
   *
   * @return the value, or null at the end of input or for a JSON {@code null}
   */
  public static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    return token == null ? null : value(parser, token);
  }

  /** Parses one JSON value from {@code json}; null for empty input or {@code null}. */
  public static Object parse(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser);
    }
  }

  /** Parses one JSON value from {@code json}; null for empty input or {@code null}. */
  public static Object parse(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser);
    }
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          map.put(name, value(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(value(parser, t));
        }
        return list;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT:
        return parser.getEmbeddedObject();
      default:
        throw new JsonParseException(parser, "unexpected " + token);
    }
  }

  /**
   * Writes {@code value} to {@code out} (left open), its map keys sorted as Go's {@code
   * encoding/json} sorts them when {@code sortKeys}, in iteration order otherwise.
   *
   * @throws IllegalArgumentException if a value is not a map, list, string, number, boolean or
   *     null
   */
  public static void write(OutputStream out, Object value, boolean sortKeys) throws IOException {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(generator, value, sortKeys);
    }
  }

  /** Returns {@code value} as JSON bytes; see {@link #write(OutputStream, Object, boolean)}. */
  public static byte[] bytes(Object value, boolean sortKeys) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, value, sortKeys);
    return out.toByteArray();
  }

  /** Returns {@code value} as compact JSON text, for messages; keys in iteration order. */
  public static String text(Object value) {
    try {
      return new String(bytes(value, false), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  /** Returns {@code value} as indented JSON text with a final newline, keys in iteration order. */
  public static String pretty(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.useDefaultPrettyPrinter();
      write(generator, value, false);
    }
    return out.toString(StandardCharsets.UTF_8) + "\n";
  }

  /** Writes {@code value} with {@code generator}; see {@link #write(OutputStream, Object, boolean)}. */
  public static void write(JsonGenerator generator, Object value, boolean sortKeys)
      throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String s) {
      generator.writeString(s);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      Map<?, ?> entries = sortKeys && !isSorted(map) ? new TreeMap<>(map) : map;
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        write(generator, entry.getValue(), sortKeys);
      }
      generator.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      generator.writeStartArray();
      for (Object item : items) {
        write(generator, item, sortKeys);
      }
      generator.writeEndArray();
    } else if (value instanceof Boolean b) {
      generator.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      generator.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      generator.writeNumber(l);
    } else if (value instanceof Double d) {
      generator.writeNumber(d);
    } else if (value instanceof Float f) {
      generator.writeNumber(f);
    } else if (value instanceof BigInteger i) {
      generator.writeNumber(i);
    } else if (value instanceof BigDecimal d) {
      generator.writeNumber(d);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static boolean isSorted(Map<?, ?> map) {
    return map instanceof TreeMap<?, ?> tree && tree.comparator() == null;
  }
}
