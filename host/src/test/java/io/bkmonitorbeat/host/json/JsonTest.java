package io.bkmonitorbeat.host.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader and writer against jackson-databind, which the host used before: the same
 * bytes out (keys sorted as the GSE payloads need) and the same Java values in.
 */
class JsonTest {
  private static final String DOCUMENT = """
      {"b": 1, "a": {"z": [1, 2147483648, 12345678901234567890123, 1.5, -0.0, 1e300],
       "y": "text \\u00e9 \\"quoted\\" <tag>", "x": null, "w": true, "v": false},
       "c": [], "d": {}, "a2": [{"k": "v"}], "dup": 1, "dup": 2}""";

  @Test
  void readsWhatDatabindReadAndWritesWhatItWrote() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Object ours = Json.parse(DOCUMENT);
    Object theirs = mapper.readValue(DOCUMENT, Object.class);
    assertThat(ours).isEqualTo(theirs);
    assertThat(((Map<?, ?>) ((Map<?, ?>) ours).get("a")).get("z")).asList()
        .extracting(Object::getClass).containsExactly(Integer.class, Long.class, BigInteger.class,
            Double.class, Double.class, Double.class);

    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) ours);
    values.put("f", 1.25f);
    values.put("s", (short) 3);
    values.put("bd", new BigDecimal("3.14159265358979323846"));
    ObjectMapper sorted = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    assertThat(new String(Json.bytes(values, true), StandardCharsets.UTF_8))
        .isEqualTo(sorted.writeValueAsString(values));
    assertThat(Json.text(values)).isEqualTo(mapper.writeValueAsString(values));
    assertThat(Json.pretty(values)).isEqualTo(
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n");
  }

  @Test
  void readsYamlAsDatabindDid() throws Exception {
    String yaml = """
        # a comment
        a: 1
        b: [x, 2.5, true, ~]
        c: {d: "e", f: 9999999999}
        g: !!binary aGVsbG8=
        """;
    YAMLFactory factory = new YAMLFactory();
    try (JsonParser parser = factory.createParser(yaml)) {
      Map<?, ?> ours = (Map<?, ?>) Json.read(parser);
      Object theirs = new ObjectMapper(factory).readValue(yaml, Object.class);
      assertThat(ours).usingRecursiveComparison().isEqualTo(theirs);
      assertThat((byte[]) ours.get("g")).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    }
    try (JsonParser parser = factory.createParser("# only a comment\n")) {
      assertThat(Json.read(parser)).isNull();
    }
  }

  @Test
  void refusesWhatIsNotAJsonValue() {
    assertThatThrownBy(() -> Json.bytes(Map.of("when", List.of(new Object())), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
  }
}
