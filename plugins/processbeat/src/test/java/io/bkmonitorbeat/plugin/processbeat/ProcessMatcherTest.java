package io.bkmonitorbeat.plugin.processbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.proc.ProcessInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessMatcherTest {
  private static final ProcessInfo JAVA = new ProcessInfo(10, 1, "java", 'S', 0, 0, 0,
      "/opt/app/bin/launcher --env=prod-eu -jar app.jar", "/usr/lib/jvm/jdk/bin/java");
  private static final ProcessInfo KTHREAD = new ProcessInfo(2, 0, "kthreadd", 'S', 0, 0, 0, "", "");

  private static ProcessConfig config(String name, String regex) {
    return new ProcessConfig(name, name, "", List.of(), regex, "", List.of());
  }

  @Test
  void everyCandidateNameMatchesOnce() {
    List<ProcessConfig> configs = List.of(config("java", ""), config("/usr/lib/jvm/jdk/bin/java", ""),
        config("launcher", ""), config("/opt/app/bin/launcher", ""), config("kthreadd", ""),
        config("app.jar", ""));
    Map<ProcessConfig, List<ProcessInfo>> hits =
        new ProcessMatcher(configs, "test").match(List.of(JAVA, KTHREAD));
    assertThat(hits.get(configs.get(0))).containsExactly(JAVA);
    assertThat(hits.get(configs.get(1))).containsExactly(JAVA);
    assertThat(hits.get(configs.get(2))).containsExactly(JAVA);
    assertThat(hits.get(configs.get(3))).containsExactly(JAVA);
    assertThat(hits.get(configs.get(4))).containsExactly(KTHREAD);
    assertThat(hits.get(configs.get(5))).as("only the first token counts").isEmpty();
  }

  @Test
  void paramRegexIsSearchedGoSyntaxAcceptedAndAnInvalidOneMatchesNothing() {
    List<ProcessConfig> configs = List.of(config("java", "--env=(?P<env_name>prod)"),
        config("java", "--env=dev"), config("java", "(unclosed"));
    Map<ProcessConfig, List<ProcessInfo>> hits =
        new ProcessMatcher(configs, "test").match(List.of(JAVA));
    assertThat(hits.get(configs.get(0))).containsExactly(JAVA);
    assertThat(hits.get(configs.get(1))).isEmpty();
    assertThat(hits.get(configs.get(2))).isEmpty();
  }
}
