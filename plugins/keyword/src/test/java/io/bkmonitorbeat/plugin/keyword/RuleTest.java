package io.bkmonitorbeat.plugin.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTest {
  @Test
  void goGroupSyntaxAndUnderscoreNamesAreAcceptedInRegexOrder() {
    Rule rule = Rule.compile("err", "(?P<error_code>E\\d+) in (?<module_name>\\w+)");
    assertThat(rule.groups()).containsExactly("error_code", "module_name");
    var m = rule.pattern().matcher("x E42 in auth y");
    assertThat(m.find()).isTrue();
    assertThat(m.group("g1")).isEqualTo("E42");
    assertThat(m.group("g2")).isEqualTo("auth");
  }

  @Test
  void escapesClassesAndLookbehindsAreLeftAlone() {
    List<String> names = new ArrayList<>();
    String out = Rule.renameGroups("\\(?P<no>[(?P<]x(?<=a)(?<!b)(?P<yes>.)", names);
    assertThat(names).containsExactly("yes");
    assertThat(out).isEqualTo("\\(?P<no>[(?P<]x(?<=a)(?<!b)(?<g1>.)");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> [{1}]")
  @org.junit.jupiter.params.provider.CsvSource(value = {
      "ERROR;ERROR", "ERROR (?P<x>E\\d+);'ERROR '", "^ERROR;ERROR", "foo.bar;foo", "abc*;ab",
      "ab?c;''", "ERROR|WARN;''", "(?i)error;''", "\\d+ERROR;''", "[Ee]rror;''", "x;''", "timed out;timed out"},
      delimiter = ';')
  void requiredLiteralIsConservative(String pattern, String literal) {
    assertThat(Rule.requiredLiteral(pattern)).isEqualTo(literal);
  }

  @Test
  void theLiteralPrefilterNeverChangesWhatMatches() {
    List<String> lines = List.of("an ERROR E5 here", "error E5", "ERRORE5", "timed out", "timed  out", "", "ERROR");
    for (String pattern : List.of("ERROR (?P<c>E\\d)", "ERROR", "timed out", "^ERROR", "ERR?OR")) {
      Rule rule = Rule.compile("r", pattern);
      LineMatcher matcher = new LineMatcher(List.of(), List.of(rule));
      for (String line : lines) {
        boolean regex = rule.pattern().matcher(line).find();
        assertThat(matcher.apply(line, (r, v, l) -> {}) == 1).as(pattern + " on '" + line + "'").isEqualTo(regex);
      }
    }
  }
}
