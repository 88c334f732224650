package io.bkmonitorbeat.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.host.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML document into plain maps (String, Number, Boolean, List, Map) with dotted keys
 * expanded ({@link DottedKeys}). A syntax error becomes a {@link ConfigException} naming the file,
 * line and column. Thread-safe (the factory is configured once and only read).
 */
final class YamlReader {
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlReader() {}

  /** Reads and parses {@code file}; an unreadable file is a {@link ConfigException}. */
  static Map<String, Object> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e, e);
    }
    return parse(file.toString(), text);
  }

  /** Parses {@code text}; {@code source} names it in error messages. Blank text is an empty map. */
  static Map<String, Object> parse(String source, String text) {
    Object value;
    try {
      try (JsonParser parser = YAML.createParser(text)) {
        value = Json.read(parser); // null for a document of comments only
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(source, e);
    } catch (IOException e) {
      throw new ConfigException(source + ": cannot parse: " + e.getMessage(), e);
    }
    if (value == null) {
      return new LinkedHashMap<>(); // a file of comments only
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigException(source + ": the document must be a map of keys, was '" + value + "'");
    }
    return DottedKeys.expandMap(map);
  }

  private static ConfigException syntaxError(String source, JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String position =
        where == null
            ? ""
            : String.format(
                Locale.ROOT, " at line %d, column %d", where.getLineNr(), where.getColumnNr());
    return new ConfigException(
        source + ": YAML syntax error" + position + ": " + e.getOriginalMessage(), e);
  }
}
