package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;

class TrapSettingsTest {

  private static TrapSettings parse(Map<String, ?> settings) {
    return TrapSettings.parse(TestContext.task(settings, Duration.ofSeconds(10)));
  }

  @Test
  void defaults() {
    TrapSettings s = parse(Map.of());
    assertThat(s.listenPort()).isEqualTo(162);
    assertThat(s.version()).isEqualTo(TrapSettings.Version.V2C);
    assertThat(s.communities()).isEmpty();
    assertThat(s.aggregate()).isFalse();
    assertThat(s.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.concurrency()).isEqualTo(2000);
    assertThat(s.dataId()).isEqualTo(1500);
  }

  @Test
  void versionsCommunitiesAndWindow() {
    assertThat(parse(Map.of("snmp_version", "V1")).version()).isEqualTo(TrapSettings.Version.V1);
    assertThat(parse(Map.of("snmp_version", "2")).version()).isEqualTo(TrapSettings.Version.V2C);
    assertThat(parse(Map.of("community", "public, private,")).communities())
        .contains(Set.of("public", "private", ""));
    assertThat(parse(Map.of("aggregate_period", "3s")).window()).isEqualTo(Duration.ofSeconds(3));
    assertThat(parse(Map.of("listen_ip", "[::1]")).listenIp()).isEqualTo("::1");
  }

  @Test
  void badValuesAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("encode", "utf-16")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("trap_task.tasks[0].encode");
    assertThatThrownBy(() -> parse(Map.of("snmp_version", "v4")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("snmp_version");
    assertThatThrownBy(() -> parse(Map.of("oids", Map.of("1.3.x", "a"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("oids");
    assertThatThrownBy(() -> parse(Map.of("listen_port", 70000)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listen_port");
    assertThatThrownBy(() -> parse(Map.of("snmp_version", "v3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("usm_info");
  }

  @Test
  void usmUsers() {
    TrapSettings s = parse(Map.of("snmp_version", "v3", "usm_info", List.of(Map.of(
        "msg_flags", "authpriv", "usm_config", Map.of("username", "u1",
            "authentication_protocol", "sha", "authentication_passphrase", "authpass1",
            "privacy_protocol", "AES", "privacy_passphrase", "privpass1",
            "authoritative_engineID", "8000000001020304")))));
    TrapSettings.UsmUserConfig user = s.users().get(0);
    assertThat(user.authProtocol()).isEqualTo(AuthSHA.ID);
    assertThat(user.privProtocol()).isEqualTo(PrivAES128.ID);
    assertThat(user.minLevel()).isEqualTo(SecurityLevel.AUTH_PRIV);
    assertThat(user.engineId()).hasSize(8);
  }

  @Test
  void badUsmEntriesAreConfigErrors() {
    assertThatThrownBy(() -> parse(Map.of("usm_info", List.of(Map.of("usm_config",
        Map.of("username", "u", "authoritative_engineID", "80zz0001")))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("authoritative_engineID");
    assertThatThrownBy(() -> parse(Map.of("usm_info", List.of(Map.of("usm_config",
        Map.of("username", "u", "authentication_protocol", "sha", "authentication_passphrase", "short"))))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("authentication_passphrase");
    assertThatThrownBy(() -> parse(Map.of("usm_info", List.of(Map.of("msg_flags", "authpriv",
        "usm_config", Map.of("username", "u"))))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("msg_flags");
  }

  @Test
  void providerRejectsUnsupportedEncodingAtCreate() {
    var context = new TestContext(Map.of("encode", "latin9"));
    assertThatThrownBy(() -> new TrapCollectorProvider().create(context))
        .isInstanceOf(ConfigException.class).hasMessageContaining("encode");
    assertThat(new TrapCollectorProvider().type()).isEqualTo("snmptrap");
  }
}
