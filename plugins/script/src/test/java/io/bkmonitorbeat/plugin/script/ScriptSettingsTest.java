package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptSettingsTest {

  private static ScriptSettings parse(Map<String, ?> settings) {
    return ScriptSettings.parse(TestContext.task(settings, Duration.ofSeconds(10)));
  }

  @Test
  void defaults() {
    ScriptSettings settings = parse(Map.of("command", "/bin/echo a"));
    assertThat(settings.commandLine().stages()).containsExactly(List.of("/bin/echo", "a"));
    assertThat(settings.unit()).isEqualTo(ScriptSettings.TimestampUnit.SECONDS);
    assertThat(settings.timeOffset()).isEqualTo(ScriptSettings.DEFAULT_TIME_OFFSET);
    assertThat(settings.username()).isEmpty();
    assertThat(settings.ssh()).isEmpty();
  }

  @Test
  void userEnvExpandsInTheCommandBeforeTheProcessEnvironment() {
    ScriptSettings settings = parse(Map.of("command", "/bin/echo $PATH $WHO",
        "user_env", Map.of("PATH", "/opt/bin", "WHO", "me"), "timestamp_unit", "ms", "time_offset", "1h"));
    assertThat(settings.commandLine().stages()).containsExactly(List.of("/bin/echo", "/opt/bin", "me"));
    assertThat(settings.unit()).isEqualTo(ScriptSettings.TimestampUnit.MILLISECONDS);
    assertThat(settings.timeOffset()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void unknownTimestampUnitIsMillisecondsAsInTheOriginal() {
    assertThat(parse(Map.of("command", "x", "timestamp_unit", "us")).unit())
        .isEqualTo(ScriptSettings.TimestampUnit.MILLISECONDS);
    assertThat(parse(Map.of("command", "x", "timestamp_unit", "ns")).unit())
        .isEqualTo(ScriptSettings.TimestampUnit.NANOSECONDS);
  }

  @Test
  void badValuesNameFileKeyAndValue() {
    assertThatThrownBy(() -> parse(Map.of("command", " ")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("script.conf: script_task.tasks[0].command");
    assertThatThrownBy(() -> parse(Map.of("command", "echo a > /tmp/f")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("command").hasMessageContaining("'>'");
    assertThatThrownBy(() -> parse(Map.of("command", "x", "time_offset", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("time_offset");
  }

  @Test
  void sshNeedsHostUserCredentialsAndKnownHosts() {
    Map<String, Object> ssh = Map.of("host", "127.0.0.1", "port", 2222, "user", "mon",
        "private_key", "/keys/id", "known_hosts", "/keys/known_hosts", "connect_timeout", "30s");
    ScriptSettings settings = parse(Map.of("command", "uptime | cut -d, -f1 > /dev/null", "ssh", ssh));
    ScriptSettings.Ssh parsed = settings.ssh().orElseThrow();
    assertThat(parsed.target()).isEqualTo("mon@127.0.0.1:2222");
    assertThat(parsed.privateKey()).contains(Path.of("/keys/id"));
    assertThat(parsed.connectTimeout()).as("never longer than the task timeout").isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.commandLine()).as("the remote shell interprets the command").isNull();

    assertThatThrownBy(() -> parse(Map.of("command", "x", "ssh", Map.of("host", "h", "user", "u",
        "private_key", "/k")))).hasMessageContaining("ssh.known_hosts");
    assertThatThrownBy(() -> parse(Map.of("command", "x", "ssh", Map.of("host", "h", "user", "u",
        "known_hosts", "/k")))).hasMessageContaining("private_key or password");
    assertThatThrownBy(() -> parse(Map.of("command", "x", "ssh", Map.of("host", "h", "user", "u",
        "password", "p", "known_hosts", "/k", "strict", false)))).hasMessageContaining("ssh.strict");
    assertThatThrownBy(() -> parse(Map.of("command", "x", "username", "nobody", "ssh", Map.of("host", "h",
        "user", "u", "password", "p", "known_hosts", "/k")))).hasMessageContaining("ssh.user");
  }

  @Test
  void passwordIsNotPrinted() {
    ScriptSettings settings = parse(Map.of("command", "x", "ssh", Map.of("host", "h", "user", "u",
        "password", "s3cret", "known_hosts", "/k")));
    assertThat(settings.ssh().orElseThrow().toString()).doesNotContain("s3cret");
  }
}
