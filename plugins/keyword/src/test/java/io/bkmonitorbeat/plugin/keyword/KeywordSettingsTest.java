package io.bkmonitorbeat.plugin.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordSettingsTest {
  private static Map<String, Object> base() {
    Map<String, Object> m = new HashMap<>();
    m.put("paths", List.of(" /var/log/app.log "));
    m.put("keywords", List.of(Map.of("name", "err", "pattern", "ERROR")));
    return m;
  }

  private static KeywordSettings parse(Map<String, Object> m) {
    return KeywordSettings.parse(KeywordTestContext.task(m, List.of()));
  }

  @Test
  void defaults() {
    KeywordSettings s = parse(base());
    assertThat(s.paths()).containsExactly("/var/log/app.log");
    assertThat(s.excludes()).extracting(Object::toString).containsExactly(".gz$", ".tar$", ".bz2$");
    assertThat(s.reportPeriod()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.closeInactive()).isEqualTo(Duration.ofHours(1));
    assertThat(s.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(s.timeUnitFactor()).isEqualTo(1000);
    assertThat(s.batchSize()).isEqualTo(100);
    assertThat(s.dataId()).isEqualTo(1500);
  }

  @Test
  void zeroReportPeriodDefaultsToAMinuteAndNegativeIsAnError() {
    Map<String, Object> m = base();
    m.put("report_period", "0s");
    assertThat(parse(m).reportPeriod()).isEqualTo(Duration.ofMinutes(1));
    m.put("report_period", "-5s");
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("report_period");
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    Map<String, Object> m = base();
    m.put("keywords", List.of(Map.of("name", "ok", "pattern", "a"), Map.of("name", "bad", "pattern", "(unclosed")));
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("tasks[0].keywords[1].pattern").hasMessageContaining("(unclosed");
    Map<String, Object> relative = base();
    relative.put("paths", List.of("logs/*.log"));
    assertThatThrownBy(() -> parse(relative)).hasMessageContaining("paths");
    Map<String, Object> none = base();
    none.remove("keywords");
    assertThatThrownBy(() -> parse(none)).hasMessageContaining("keywords");
  }

  @Test
  void gbkTimeUnitsAndLabels() {
    Map<String, Object> m = base();
    m.put("encoding", "GBK");
    m.put("time_unit", "s");
    KeywordSettings s = parse(m);
    assertThat(s.charset().name()).isEqualTo("GB18030");
    assertThat(s.timeUnitFactor()).isEqualTo(1);
    assertThat(KeywordSettings.timeUnitFactor("ns")).isEqualTo(1_000_000_000L);
    assertThat(KeywordSettings.timeUnitFactor("weird")).isEqualTo(1000);
    Map<String, String> label = Map.of("bk_target_ip", "10.0.0.5", "other", "x");
    assertThat(KeywordSettings.labels(List.of(label, label, Map.of("other", "y"))))
        .hasSize(1).allSatisfy(l -> assertThat(l).containsEntry("bk_target_ip", "10.0.0.5").doesNotContainKey("other"));
  }
}
