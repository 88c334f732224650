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
}
