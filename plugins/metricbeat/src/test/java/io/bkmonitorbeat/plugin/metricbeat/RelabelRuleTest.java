package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus relabel semantics (the cases of Prometheus' own relabel tests, in spirit). */
class RelabelRuleTest {

  static RelabelRule rule(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return RelabelRule.fromSettings(Settings.of("t.conf", "metric_relabel_configs[0]", m));
  }

  static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void keepAndDropMatchTheWholeJoinedValue() {
    RelabelRule keep = rule("action", "keep", "source_labels", List.of("__name__"), "regex", "node_cpu.*");
    assertThat(keep.apply(labels("__name__", "node_cpu_seconds_total"))).isTrue();
    assertThat(keep.apply(labels("__name__", "xnode_cpu"))).as("anchored").isFalse();
    RelabelRule drop = rule("action", "drop", "source_labels", List.of("a", "b"), "regex", "1;2");
    assertThat(drop.apply(labels("a", "1", "b", "2"))).isFalse();
    assertThat(drop.apply(labels("a", "1", "b", "3"))).isTrue();
    RelabelRule missing = rule("action", "drop", "source_labels", List.of("nope"), "regex", "");
    assertThat(missing.apply(labels("a", "1"))).as("a missing label is the empty string").isFalse();
  }

  @Test
  void replaceWithGroupsCustomSeparatorAndExpandedTarget() {
    RelabelRule r = rule("source_labels", List.of("a", "b"), "separator", "|", "regex", "(.*)\\|(.*)",
        "target_label", "joined_${2}", "replacement", "${1}-$2");
    Map<String, String> l = labels("a", "x", "b", "y");
    assertThat(r.apply(l)).isTrue();
    assertThat(l).containsEntry("joined_y", "x-y");
  }

  @Test
  void replaceDefaultsAndNoMatchLeavesLabels() {
    RelabelRule copy = rule("source_labels", List.of("instance"), "target_label", "host");
    Map<String, String> l = labels("instance", "h:9100");
    copy.apply(l);
    assertThat(l).containsEntry("host", "h:9100");
    RelabelRule noMatch = rule("source_labels", List.of("instance"), "regex", "zzz", "target_label", "host",
        "replacement", "new");
    Map<String, String> l2 = labels("instance", "h", "host", "old");
    noMatch.apply(l2);
    assertThat(l2).containsEntry("host", "old");
  }

  @Test
  void replacementExpandingToEmptyDeletesTheTarget() {
    RelabelRule r = rule("source_labels", List.of("a"), "regex", "(x?)", "target_label", "b");
    Map<String, String> l = labels("a", "", "b", "present");
    r.apply(l);
    assertThat(l).doesNotContainKey("b");
  }

  @Test
  void goExpansionRules() {
    Matcher m = Pattern.compile("(?<word>a)(b)").matcher("ab");
    assertThat(m.matches()).isTrue();
    assertThat(RelabelRule.expand("$1x", m)).as("$1x is the group named '1x'").isEmpty();
    assertThat(RelabelRule.expand("${1}x", m)).isEqualTo("ax");
    assertThat(RelabelRule.expand("$word-$2-$$-$9-${nope}-$", m)).isEqualTo("a-b-$---$");
  }

  @Test
  void goNamedGroupSyntaxIsAccepted() {
    RelabelRule r = rule("source_labels", List.of("a"), "regex", "(?P<host>[^:]+):.*",
        "target_label", "h", "replacement", "$host");
    Map<String, String> l = labels("a", "web1:80");
    r.apply(l);
    assertThat(l).containsEntry("h", "web1");
  }

  @Test
  void hashmodMatchesPrometheus() {
    // Prometheus: the last 8 bytes of md5(value), big-endian unsigned, modulo the modulus.
    RelabelRule r = rule("action", "hashmod", "source_labels", List.of("a"), "modulus", 1000, "target_label", "shard");
    Map<String, String> l = labels("a", "foo");
    r.apply(l);
    assertThat(l.get("shard")).isEqualTo(expectedHashmod("foo", 1000));
  }

  private static String expectedHashmod(String value, long modulus) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("MD5").digest(value.getBytes());
      java.math.BigInteger tail = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(d, 8, 16));
      return tail.mod(java.math.BigInteger.valueOf(modulus)).toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void labelmapLabeldropLabelkeep() {
    Map<String, String> l = labels("__name__", "m", "__meta_pod", "p1", "__meta_ns", "n1", "keep_me", "1");
    rule("action", "labelmap", "regex", "__meta_(.+)").apply(l);
    assertThat(l).containsEntry("pod", "p1").containsEntry("ns", "n1").containsEntry("__meta_pod", "p1");
    rule("action", "labeldrop", "regex", "__meta_.*").apply(l);
    assertThat(l).doesNotContainKeys("__meta_pod", "__meta_ns");
    rule("action", "labelkeep", "regex", "__name__|pod|keep_me").apply(l);
    assertThat(l).containsOnlyKeys("__name__", "pod", "keep_me");
  }

  @Test
  void lowercaseUppercaseKeepequalDropequal() {
    Map<String, String> l = labels("a", "MiXed", "b", "MiXed");
    rule("action", "lowercase", "source_labels", List.of("a"), "target_label", "lc").apply(l);
    rule("action", "uppercase", "source_labels", List.of("a"), "target_label", "uc").apply(l);
    assertThat(l).containsEntry("lc", "mixed").containsEntry("uc", "MIXED");
    assertThat(rule("action", "keepequal", "source_labels", List.of("a"), "target_label", "b").apply(l)).isTrue();
    assertThat(rule("action", "dropequal", "source_labels", List.of("a"), "target_label", "b").apply(l)).isFalse();
  }

  @Test
  void badRulesNameTheirKey() {
    assertThatThrownBy(() -> rule("action", "explode"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metric_relabel_configs[0].action");
    assertThatThrownBy(() -> rule("regex", "(unclosed"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("regex");
    assertThatThrownBy(() -> rule("action", "replace", "source_labels", List.of("a")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("target_label");
    assertThatThrownBy(() -> rule("action", "hashmod", "source_labels", List.of("a"), "target_label", "s"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("modulus");
    assertThatThrownBy(() -> rule("action", "labeldrop", "source_labels", List.of("a"), "regex", "x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("source_labels");
  }

  @Test
  void remoteRulesUseCamelCaseKeys() throws Exception {
    List<RelabelRule> rules = MetricbeatCollector.parseRemoteRules("remote",
        ("[{\"sourceLabels\":[\"a\"],\"regex\":\"(.*)\",\"targetLabel\":\"b\",\"replacement\":\"r-$1\"},"
            + "{\"action\":\"rate\",\"sourceLabels\":[\"__name__\"]}]").getBytes());
    assertThat(rules).hasSize(1);
    Map<String, String> l = labels("a", "1");
    rules.get(0).apply(l);
    assertThat(l).containsEntry("b", "r-1");
  }
}
