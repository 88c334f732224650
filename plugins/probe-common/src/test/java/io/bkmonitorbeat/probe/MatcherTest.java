package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

  private static Settings task(String... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return Settings.of("tcp.conf", "tasks[0]", map);
  }

  private static boolean matches(String format, String response, String content) {
    return Matcher.parse(task("response_format", format, "response", response))
        .matches(content.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} ''{1}'' vs ''{2}'' -> {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        "eq;hello;hello;true",
        "eq;hello;hello!;false",
        "nq;hello;hello;false",
        "nq;hello;hellO;true",
        "startswith;+OK;+OK ready;true",
        "startswith;+OK;-ERR;false",
        "startswith;long expectation;long;false",
        "nstartswith;+OK;-ERR;true",
        "nstartswith;+OK;+OK;false",
        "endswith;END;data END;true",
        "endswith;END;END data;false",
        "nendswith;END;END data;true",
        "nendswith;END;data END;false",
        "in;ell;hello;true",
        "in;xyz;hello;false",
        "nin;xyz;hello;true",
        "nin;ell;hello;false",
        "reg;^SSH-\\d\\.\\d;SSH-2.0-OpenSSH;true",
        "reg;^SSH-\\d;HTTP/1.1;false",
        "reg;x*;abc;false",
        "reg;b*;bbc;true",
        "wildcard;foo*;foobar;true",
        "wildcard;foo*;foo;true",
        "wildcard;foo*;foo.;true",
        "wildcard;foo*;xfoo;false",
        "wildcard;f?o;fxo;true",
        "wildcard;f?o;fo;false",
        "wildcard;a.c*;abcd;false",
        "wildcard;a.c*;a.cd;true",
        "wildcard;*(x)+*;a(x)+b;true",
        "hex;68656c6c6f;hello;true",
        "hex;68656C6C6F;hellO;false",
        "raw|eq;hello;hello;true",
        "raw|in;ell;hello;true",
        "hex|eq;68656c6c6f;hello;true",
        "hex|eq;68656c6c6f;68656c6c6f;false",
        "hex|startswith;2b4f4b;+OK ready;true",
        "hex|in;6c6c;hello;true",
        "hex|nin;6c6c;hello;false",
        "hex|hex;68656c6c6f;hello;true",
        "'';+OK;+OK go;true",
        "'';+OK;go +OK;false",
      })
  void matchTable(String format, String response, String content, boolean expected) {
    assertThat(matches(format, response, content)).isEqualTo(expected);
  }

  @Test
  void wildcardIsConvertedOnceG5() {
    // Converted twice (Go), 'foo*' would need a literal 'foo.' and reject 'foobar'.
    assertThat(Matcher.wildcardToRegex("foo*")).isEqualTo("\\Qfoo\\E.*");
    assertThat(matches("wildcard", "foo*", "foobar")).isTrue();
  }

  @Test
  void hexPrefixDecodesTheExpectationG4() {
    assertThat(matches("hex|eq", "00ff", "\u0000")).isFalse();
    Matcher matcher = Matcher.parse(task("response_format", "hex|eq", "response", "00ff10"));
    assertThat(matcher.matches(new byte[] {0, (byte) 0xff, 0x10})).isTrue();
    assertThat(matcher.matches("00ff10".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  @Test
  void binaryContentIsComparedAsBytes() {
    Matcher matcher = Matcher.parse(task("response_format", "hex|startswith", "response", "fffe"));
    assertThat(matcher.matches(new byte[] {(byte) 0xff, (byte) 0xfe, 1})).isTrue();
    assertThat(matcher.matches(new byte[] {(byte) 0xff})).isFalse();
  }

  @Test
  void emptyResponseAlwaysMatches() {
    Matcher matcher = Matcher.parse(task("response_format", "eq"));
    assertThat(matcher.checksResponse()).isFalse();
    assertThat(matcher.matches(new byte[0])).isTrue();
    assertThat(matcher.matches("anything".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Matcher.none().matches(new byte[] {1})).isTrue();
  }

  @Test
  void defaultFunctionIsStartsWith() {
    Matcher matcher = Matcher.parse(task("response", "AB"));
    assertThat(matcher.checksResponse()).isTrue();
    assertThat(matcher.matches("ABC".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(matcher.matches("CAB".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void requestRawAndHex() {
    assertThat(Matcher.parse(task("request", "PING\r\n")).request())
        .isEqualTo("PING\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Matcher.parse(task("request", "50 49 4e 47", "request_format", "hex")).request())
        .containsExactly('P', 'I', 'N', 'G');
    assertThat(Matcher.parse(task()).request()).isEmpty();
  }

  @Test
  void defaultRequestIsSentWhenNoneIsConfigured() {
    byte[] x = {'X'};
    assertThat(Matcher.parse(task(), x).request()).containsExactly('X');
    assertThat(Matcher.parse(task("request", ""), x).request()).containsExactly('X');
    assertThat(Matcher.parse(task("request_format", "hex"), x).request()).containsExactly('X');
    assertThat(Matcher.parse(task("request", "5a", "request_format", "hex"), x).request())
        .containsExactly('Z');
    assertThat(Matcher.parse(task("request", "hi"), x).request()).containsExactly('h', 'i');
  }

  @Test
  void badHexRequestIsAConfigError() {
    assertThatThrownBy(() -> Matcher.parse(task("request", "zz", "request_format", "hex")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tcp.conf: tasks[0].request:")
        .hasMessageContaining("'zz'");
    assertThatThrownBy(() -> Matcher.parse(task("request", "abc", "request_format", "hex")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("even number");
  }

  @Test
  void badHexResponseIsAConfigError() {
    assertThatThrownBy(() -> Matcher.parse(task("response", "nothex", "response_format", "hex")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tasks[0].response:");
    assertThatThrownBy(() -> Matcher.parse(task("response", "xy", "response_format", "hex|in")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tasks[0].response:");
  }

  @Test
  void unknownFunctionIsAConfigError() {
    assertThatThrownBy(() -> Matcher.parse(task("response", "a", "response_format", "contains")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tasks[0].response_format:")
        .hasMessageContaining("'contains'");
    assertThatThrownBy(() -> Matcher.parse(task("response_format", "hex|bogus")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void badRequestFormatAndBadRegexAreConfigErrors() {
    assertThatThrownBy(() -> Matcher.parse(task("request_format", "base64")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tasks[0].request_format:");
    assertThatThrownBy(() -> Matcher.parse(task("response", "(", "response_format", "reg")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("regular expression");
  }
}
