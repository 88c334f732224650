package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64TextTest {

  @Test
  void valuesWithoutThePrefixAreLeftAlone() {
    assertThat(Base64Text.decode("aGVsbG8=")).isEmpty();
    assertThat(Base64Text.decode(null)).isEmpty();
    assertThat(Base64Text.decodeText("plain: text")).isEqualTo("plain: text");
  }

  @Test
  void decodesWithAndWithoutPadding() {
    assertThat(Base64Text.decodeText("base64://aGVsbG8=")).isEqualTo("hello");
    assertThat(Base64Text.decodeText("base64://aGVsbG8")).isEqualTo("hello");
    assertThat(Base64Text.decodeText("base64://aGk=")).isEqualTo("hi");
    assertThat(Base64Text.decodeText("base64://aGk")).isEqualTo("hi");
    assertThat(Base64Text.decodeText("base64://")).isEmpty();
  }

  @Test
  void decodesBinaryAndTheUrlSafeAlphabet() {
    assertThat(Base64Text.decode("base64://AP/+")).hasValueSatisfying(
        bytes -> assertThat(bytes).containsExactly(0x00, 0xff, 0xfe));
    assertThat(Base64Text.decode("base64://AP_-")).hasValueSatisfying(
        bytes -> assertThat(bytes).containsExactly(0x00, 0xff, 0xfe));
  }

  @Test
  void undecodableTextIsUsedAsIs() {
    assertThat(Base64Text.decodeText("base64://not base64!")).isEqualTo("not base64!");
    assertThat(Base64Text.decodeText("base64://a")).isEqualTo("a");
  }
}
