package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidRulesTest {

  @Test
  void prefixMatchingIsOnWholeSubIdentifiers() {
    assertThat(Oids.isUnderOrEqual("1.3.6.1.13", "1.3.6.1.1")).isFalse();
    assertThat(Oids.isUnderOrEqual("1.3.6.1.1.5", "1.3.6.1.1")).isTrue();
    assertThat(Oids.isUnderOrEqual("1.3.6.1.1", "1.3.6.1.1")).isTrue();
    assertThat(Oids.normalize(" .1.3.6 ")).isEqualTo("1.3.6");
    assertThatThrownBy(() -> Oids.normalize("1.3.x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void translatorUsesTheLongestWholeSubIdentifierPrefix() {
    OidTranslator translator = new OidTranslator(Map.of(
        "1.3.6.1.1", "short", ".1.3.6.1.2.1.2.2.1", "ifEntry", "1.3.6.1.2.1.2.2.1.1", "ifIndex"));
    assertThat(translator.translate("1.3.6.1.2.1.2.2.1.1")).isEqualTo("ifIndex");
    assertThat(translator.translate("1.3.6.1.2.1.2.2.1.1.7")).isEqualTo("ifIndex.7");
    assertThat(translator.translate("1.3.6.1.2.1.2.2.1.2.7")).isEqualTo("ifEntry.2.7");
    assertThat(translator.translate("1.3.6.1.13.4")).as("not under 1.3.6.1.1").isEqualTo(".1.3.6.1.13.4");
    assertThat(translator.translate("1.3.6.1.1.4")).isEqualTo("short.4");
    assertThat(translator.knows("1.3.6.1.13")).isFalse();
  }

  @Test
  void dimensionsMatchPrefixesOnWholeSubIdentifiers() {
    OidDimensions dims = new OidDimensions(List.of("1.3.6.1.1"), new OidTranslator(Map.of()), false);
    assertThat(dims.dimensionsOf("1.3.6.1.13", "x")).isEmpty();
    assertThat(dims.dimensionsOf("1.3.6.1.1", "x")).containsExactly(Map.entry("1_3_6_1_1", "x"));
    assertThat(dims.dimensionsOf("1.3.6.1.1.9.0", "y")).containsExactly(Map.entry("1_3_6_1_1", "y"));
  }

  @Test
  void indexModeNamesTheColumnAndPrefixesTheRowIndex() {
    OidDimensions dims = new OidDimensions(List.of(".1.3.6.1.2.1.2.2.1.2.index"),
        new OidTranslator(Map.of()), false);
    assertThat(dims.dimensionsOf("1.3.6.1.2.1.2.2.1.2.12", "eth0"))
        .containsExactly(Map.entry("1_3_6_1_2_1_2_2_1_2", "12::::eth0"));
    assertThat(dims.dimensionsOf("1.3.6.1.2.1.2.2.1.2.12.1", "eth0")).as("grandchild").isEmpty();
    assertThat(dims.dimensionsOf("1.3.6.1.2.1.2.2.1.21", "x")).as("sibling column 21").isEmpty();
  }

  @Test
  void displayNameOptionNamesDimensionsByTranslation() {
    OidDimensions dims = new OidDimensions(List.of("1.3.6.1.2.1.2.2.1.2.index", "1.3.6.1.4.1.9.9"),
        new OidTranslator(Map.of("1.3.6.1.2.1.2.2.1.2", "ifDescr", "1.3.6.1.4.1.9", "cisco")), true);
    assertThat(dims.dimensionsOf("1.3.6.1.2.1.2.2.1.2.3", "lo"))
        .containsExactly(Map.entry("ifDescr", "3::::lo"));
    assertThat(dims.dimensionsOf("1.3.6.1.4.1.9.9.1", "v"))
        .containsExactly(Map.entry("cisco_9", "v"));
  }
}
