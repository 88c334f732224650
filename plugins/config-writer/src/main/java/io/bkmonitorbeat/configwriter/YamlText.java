package io.bkmonitorbeat.configwriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders a generated configuration as YAML text: keys in the map's order, no document marker,
 * strings quoted only where YAML needs it. The same input always gives the same bytes, which the
 * compare-before-write of {@link ConfigFiles} relies on. Thread-safe.
 */
public final class YamlText {
  private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  private YamlText() {}

  /** Returns {@code config} as UTF-8 YAML (maps, lists, strings, numbers, booleans, nulls). */
  public static byte[] render(Map<String, ?> config) {
    try {
      return MAPPER.writeValueAsString(config).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render as YAML: " + e.getOriginalMessage(), e);
    }
  }
}
