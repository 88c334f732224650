package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static final Map<String, String> VARS = Map.of("HOME", "/home/u", "SPACED", "a b", "EMPTY", "");

  private static List<List<String>> split(String command) {
    return CommandLine.parse(command, VARS::get).stages();
  }

  @Test
  void splitsWordsOnBlanks() {
    assertThat(split("  /bin/echo   a\tb  ")).containsExactly(List.of("/bin/echo", "a", "b"));
  }

  @Test
  void quotesKeepBlanksAndSingleQuotesAreLiteral() {
    assertThat(split("echo 'a  $HOME' \"b  $HOME\" c\\ d")).containsExactly(
        List.of("echo", "a  $HOME", "b  /home/u", "c d"));
  }

  @Test
  void expandsBothVariableFormsWithoutSplittingValues() {
    assertThat(split("echo $HOME/x ${HOME}y $SPACED $UNSET $EMPTY \"\" end$")).containsExactly(
        List.of("echo", "/home/u/x", "/home/uy", "a b", "", "end$"));
  }

  @Test
  void escapesInsideDoubleQuotes() {
    assertThat(split("echo \"a\\\"b\\\\c\\$HOME\\n\"")).containsExactly(List.of("echo", "a\"b\\c$HOME\\n"));
  }

  @Test
  void pipesSeparateStages() {
    assertThat(split("cat /etc/hosts|grep -v '|' | wc -l")).containsExactly(
        List.of("cat", "/etc/hosts"), List.of("grep", "-v", "|"), List.of("wc", "-l"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '~', value = {
      "echo a > f ~ shell operator '>'",
      "a; b ~ shell operator ';'",
      "a && b ~ shell operator '&'",
      "echo `id` ~ shell operator '`'",
      "echo $(id) ~ command substitution '$('",
      "echo 'open ~ unterminated single quote",
      "echo \"open ~ unterminated double quote",
      "| wc ~ without a command before it",
      "ls | ~ without a command after it",
      "echo ${bad-name} ~ bad variable name"
  })
  void rejectsWhatNeedsAShell(String command, String message) {
    assertThatThrownBy(() -> split(command)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void emptyCommandIsRejected() {
    assertThatThrownBy(() -> split("   ")).hasMessageContaining("empty");
  }
}
