package io.bkmonitorbeat.plugin.kubeevent;

import static io.bkmonitorbeat.plugin.kubeevent.KubeEventCollectorTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeApiWatchTest {
  @TempDir Path dir;

  private static String frame(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }

  private static String withVersion(String eventJson, String version) {
    return eventJson.replace("\"resourceVersion\":\"1\"", "\"resourceVersion\":\"" + version + "\"");
  }

  @Test
  void listsThenWatchesResumesFromTheLastVersionAndRelistsWhenGone() throws Exception {
    Instant old = Instant.now().minus(1, ChronoUnit.HOURS);
    Instant t = Instant.now().plusSeconds(1);
    Files.writeString(dir.resolve("token"), "secret-token\n");
    try (FakeKubeApi api = new FakeKubeApi()) {
      api.lists.add(new FakeKubeApi.Response(200, List.of("{\"kind\":\"EventList\",\"metadata\":{\"resourceVersion\":\"100\"},"
          + "\"items\":[" + Events.json("u1", "Old", "a", 3, old, old) + "]}")));
      api.watches.add(new FakeKubeApi.Response(200, List.of(
          frame("ADDED", withVersion(Events.json("u2", "BackOff", "web-0", 1, t, t), "101")),
          frame("MODIFIED", withVersion(Events.json("u2", "BackOff", "web-0", 3, t, t.plusSeconds(2)), "103")),
          frame("BOOKMARK", "{\"kind\":\"Event\",\"metadata\":{\"resourceVersion\":\"105\"}}"))));
      api.watches.add(new FakeKubeApi.Response(200, List.of(
          frame("ERROR", "{\"kind\":\"Status\",\"code\":410,\"message\":\"too old resource version: 105\"}"))));

      Map<String, Object> kube = new HashMap<>();
      kube.put("url", api.url());
      kube.put("token_file", dir.resolve("token").toString());
      kube.put("watch_timeout", "2s");
      Map<String, Object> settings = Map.of("kube_api", kube, "interval", "300ms");
      KubeTestContext ctx = new KubeTestContext(settings, dir.resolve("state"));
      KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
      c.start();
      await(() -> c.counters().get("api_lists") >= 2, "a relist after 410 Gone");
      await(() -> !ctx.records().isEmpty(), "a record");
      c.close();

      assertThat(api.queries.get(0)).isEqualTo("limit=500");
      assertThat(api.queries.get(1)).contains("watch=1", "resourceVersion=100", "allowWatchBookmarks=true", "timeoutSeconds=2");
      assertThat(api.queries.get(2)).contains("watch=1", "resourceVersion=105");
      assertThat(api.queries.get(3)).isEqualTo("limit=500");
      assertThat(api.authorizations).allMatch(a -> a.equals("Bearer secret-token"));
      assertThat(ctx.records()).singleElement().satisfies(r -> {
        assertThat(r.get("event_name")).isEqualTo("BackOff");
        assertThat(r.get("event")).isEqualTo(Map.of("content", "Back-off restarting web-0", "count", 3L));
      });
      assertThat(Files.readString(dir.resolve("state/kubeevent-resource-version")).trim()).isNotEmpty();
    }
  }

  @Test
  void storedResourceVersionResumesTheWatchAfterARestart() throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/kubeevent-resource-version"), "777\n");
    try (FakeKubeApi api = new FakeKubeApi()) {
      Map<String, Object> settings = Map.of("kube_api", Map.of("url", api.url(), "watch_timeout", "1s"));
      KubeTestContext ctx = new KubeTestContext(settings, dir.resolve("state"));
      KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
      c.start();
      await(() -> !api.queries.isEmpty(), "a request");
      c.close();
      assertThat(api.queries.get(0)).contains("watch=1", "resourceVersion=777");
      assertThat(c.counters()).containsEntry("api_lists", 0L);
    }
  }

  @Test
  void aRejectedStoredVersionLeadsToAFreshList() throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/kubeevent-resource-version"), "not-a-version\n");
    try (FakeKubeApi api = new FakeKubeApi()) {
      api.watches.add(new FakeKubeApi.Response(400, List.of("{\"kind\":\"Status\",\"code\":400}")));
      Map<String, Object> settings = Map.of("kube_api", Map.of("url", api.url(), "watch_timeout", "1s"));
      KubeTestContext ctx = new KubeTestContext(settings, dir.resolve("state"));
      KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
      c.start();
      await(() -> c.counters().get("api_lists") >= 1, "a list after the rejected version");
      c.close();
      assertThat(api.queries.get(0)).contains("resourceVersion=not-a-version");
      assertThat(api.queries.get(1)).isEqualTo("limit=500");
    }
  }

  @Test
  void unauthorizedIsRetriedWithBackoffAndCounted() throws Exception {
    try (FakeKubeApi api = new FakeKubeApi()) {
      api.lists.add(new FakeKubeApi.Response(401, List.of("{\"kind\":\"Status\",\"code\":401}")));
      Map<String, Object> settings = Map.of("kube_api", Map.of("url", api.url()));
      KubeTestContext ctx = new KubeTestContext(settings, dir.resolve("state"));
      KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
      c.start();
      await(() -> c.counters().get("api_errors") >= 1, "an error");
      await(() -> api.queries.size() >= 2, "a retry");
      c.close();
      assertThat(ctx.threads).allSatisfy(th -> assertThat(th.isAlive()).isFalse());
    }
  }

  @Test
  void kubeconfigGivesServerCaAndToken() throws Exception {
    String caPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        current-context: prod
        contexts:
        - name: dev
          context: {cluster: dev, user: dev}
        - name: prod
          context: {cluster: c1, user: u1}
        clusters:
        - name: c1
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: %s
        users:
        - name: u1
          user:
            token: abc.def
        """.formatted(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8))));
    Settings s = Settings.of("kube.conf", "kube_api", Map.of("kubeconfig", dir.resolve("kubeconfig").toString()));
    KubeApiSettings api = KubeApiSettings.parse(s).orElseThrow();
    assertThat(api.url()).isEqualTo("https://10.0.0.1:6443");
    assertThat(api.token()).isEqualTo("abc.def");
    assertThat(api.caPem()).isEqualTo(caPem);
    assertThat(api.tokenFile()).isNull();
  }

  @Test
  void badApiSettingsNameTheKey() throws Exception {
    assertThat(KubeApiSettings.parse(Settings.of("k", "kube_api", Map.of()))).isEmpty();
    assertThat(KubeApiSettings.parse(Settings.of("k", "kube_api", Map.of("enabled", false, "url", "http://x")))).isEmpty();
    assertThatThrownBy(() -> KubeApiSettings.parse(Settings.of("k", "kube_api", Map.of("url", "ftp://x"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kube_api.url");
    Files.writeString(dir.resolve("certs"), """
        current-context: x
        contexts: [{name: x, context: {cluster: c, user: u}}]
        clusters: [{name: c, cluster: {server: "https://h"}}]
        users: [{name: u, user: {client-certificate-data: AAAA}}]
        """);
    assertThatThrownBy(() -> KubeApiSettings.parse(Settings.of("k", "kube_api", Map.of("kubeconfig", dir.resolve("certs").toString()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("client certificates");
    assertThatThrownBy(() -> KubeEventSettings.parse(KubeTestContext.task(Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tail_files");
  }
}
