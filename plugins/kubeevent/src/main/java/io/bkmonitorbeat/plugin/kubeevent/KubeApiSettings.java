package io.bkmonitorbeat.plugin.kubeevent;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The optional Kubernetes API watch of a kubeevent task (section {@code kube_api}). Credentials
 * come from a kubeconfig file ({@code kubeconfig}: the current context's server, CA and bearer
 * token) or, without one, from the pod's service account ({@code KUBERNETES_SERVICE_HOST}/{@code
 * _PORT}, the token and CA files under {@code /var/run/secrets/kubernetes.io/serviceaccount}).
 * Explicit {@code url}, {@code token_file} and {@code ca_file} override both. Immutable.
 *
 * @param url the API server's base URL, e.g. {@code https://10.96.0.1:443}
 * @param tokenFile the bearer token file, re-read at every connect (tokens rotate), or null
 * @param token a bearer token taken from a kubeconfig, or empty
 * @param caPem the PEM CA certificates to trust for {@code https}, or empty for the JDK's
 * @param insecureSkipVerify trust any server certificate (tests, never production)
 * @param namespace only this namespace's events, or empty for all
 * @param watchTimeout how long one watch request lasts before it is renewed
 */
record KubeApiSettings(
    String url,
    Path tokenFile,
    String token,
    String caPem,
    boolean insecureSkipVerify,
    String namespace,
    Duration watchTimeout) {

  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** Returns the watch settings, or empty when the section is absent or {@code enabled: false}. */
  static Optional<KubeApiSettings> parse(Settings s) {
    if (s.keys().isEmpty() || !s.bool("enabled", true)) {
      return Optional.empty();
    }
    KubeConfig kube = s.string("kubeconfig").map(p -> KubeConfig.read(Path.of(p), s)).orElse(null);
    String url = s.string("url").orElse(kube != null ? kube.server() : inClusterUrl());
    if (url == null || url.isBlank()) {
      throw s.error("url", "must be set when neither a kubeconfig nor the in-cluster environment gives one");
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw s.error("url", "must start with http:// or https://");
    }
    Path tokenFile = s.string("token_file").map(Path::of)
        .orElse(kube != null ? null : SERVICE_ACCOUNT.resolve("token"));
    String caPem = s.string("ca_file").map(p -> KubeConfig.readText(Path.of(p), s, "ca_file"))
        .orElse(kube != null ? kube.caPem() : inClusterCa());
    Duration timeout = s.duration("watch_timeout", Duration.ofMinutes(5));
    if (timeout.isNegative() || timeout.isZero()) {
      throw s.error("watch_timeout", "must be > 0");
    }
    return Optional.of(new KubeApiSettings(url.replaceAll("/+$", ""), tokenFile,
        kube != null ? kube.token() : "", caPem, s.bool("insecure_skip_verify", kube != null && kube.insecure()),
        s.string("namespace", ""), timeout));
  }

  private static String inClusterUrl() {
    String host = System.getenv("KUBERNETES_SERVICE_HOST");
    String port = System.getenv("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isBlank()) {
      return null;
    }
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (port == null ? "443" : port);
  }

  private static String inClusterCa() {
    try {
      return java.nio.file.Files.readString(SERVICE_ACCOUNT.resolve("ca.crt"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Thrown for a kubeconfig that cannot be used. */
  static ConfigException error(Settings s, String key, String problem) {
    return s.error(key, problem);
  }
}
