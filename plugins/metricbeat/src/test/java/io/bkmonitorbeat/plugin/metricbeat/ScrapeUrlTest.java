package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeUrlTest {
  private static final Settings MODULE = Settings.of("m.conf", "module", Map.of());

  static String url(String host, String basepath, String path, Map<String, String> query) {
    return ScrapeUrl.build(MODULE, host, basepath, path, query).toString();
  }

  @Test
  void metricsPathOnlyWhenTheHostHasNoPath() {
    assertThat(url("127.0.0.1:9100", "", "/metrics", Map.of())).isEqualTo("http://127.0.0.1:9100/metrics");
    assertThat(url("http://h:1/custom", "", "/metrics", Map.of())).isEqualTo("http://h:1/custom");
    assertThat(url("http://h:1", "", "", Map.of())).as("'' = no path").isEqualTo("http://h:1");
    assertThat(url("https://h:1", "/base/", "/metrics", Map.of())).isEqualTo("https://h:1/base/metrics");
    assertThat(url("http://h:1", "base", "metrics", Map.of())).isEqualTo("http://h:1/base/metrics");
  }

  @Test
  void queryIsAppendedToTheUrlsOwnParametersG15() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("module", "if_mib");
    query.put("auth", "a b&c");
    assertThat(url("http://h:9116/snmp?target=10.0.0.1", "", "/metrics", query))
        .isEqualTo("http://h:9116/snmp?target=10.0.0.1&module=if_mib&auth=a+b%26c");
    assertThat(url("http://h:9100/metrics?collect[]=cpu", "", "/metrics", Map.of("collect[]", "meminfo")))
        .as("repeated parameters are kept; [] encoded").isEqualTo("http://h:9100/metrics?collect%5B%5D=cpu&collect%5B%5D=meminfo");
    assertThat(url("http://h:9116/snmp?target=x", "", "/metrics", Map.of()))
        .isEqualTo("http://h:9116/snmp?target=x");
  }

  @Test
  void badHostsAreConfigErrors() {
    assertThatThrownBy(() -> url("ftp://h/x", "", "", Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("module.hosts");
    assertThatThrownBy(() -> url(" ", "", "", Map.of())).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> url("http://", "", "", Map.of())).isInstanceOf(ConfigException.class);
  }

  @Test
  void charactersUriRejectsAreEncodedOnce() {
    assertThat(url("http://h:1/a b|c?x=%41&y=é", "", "", Map.of())).isEqualTo("http://h:1/a%20b%7Cc?x=%41&y=%C3%A9");
  }
}
