package io.bkmonitorbeat.plugin.kubeevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bkmonitorbeat.api.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What kubeevent takes from a kubeconfig file: the current context's cluster {@code server},
 * {@code certificate-authority} or {@code -data}, {@code insecure-skip-tls-verify}, and the user's
 * {@code token} or {@code tokenFile}. Client certificates and exec plugins are not supported and
 * are reported as configuration errors. Immutable.
 *
 * @param server the API server URL
 * @param caPem the CA certificates (PEM), or empty
 * @param insecure the cluster's {@code insecure-skip-tls-verify}
 * @param token the bearer token, or empty
 */
record KubeConfig(String server, String caPem, boolean insecure, String token) {

  static KubeConfig read(Path file, Settings s) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw s.error("kubeconfig", "cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw s.error("kubeconfig", "is not a kubeconfig file");
    }
    String contextName = root.path("current-context").asText("");
    JsonNode context = named(root.path("contexts"), contextName).path("context");
    if (context.isMissingNode()) {
      throw s.error("kubeconfig", "has no context '" + contextName + "'");
    }
    JsonNode cluster = named(root.path("clusters"), context.path("cluster").asText("")).path("cluster");
    JsonNode user = named(root.path("users"), context.path("user").asText("")).path("user");
    String server = cluster.path("server").asText("");
    if (server.isEmpty()) {
      throw s.error("kubeconfig", "names no server for context '" + contextName + "'");
    }
    Path base = file.toAbsolutePath().getParent();
    String ca = "";
    if (cluster.hasNonNull("certificate-authority-data")) {
      ca = new String(Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText().trim()),
          StandardCharsets.UTF_8);
    } else if (cluster.hasNonNull("certificate-authority")) {
      ca = readText(base.resolve(cluster.path("certificate-authority").asText()), s, "kubeconfig");
    }
    String token = user.path("token").asText("");
    if (token.isEmpty() && user.hasNonNull("tokenFile")) {
      token = readText(base.resolve(user.path("tokenFile").asText()), s, "kubeconfig").trim();
    }
    if (token.isEmpty() && (user.has("client-certificate") || user.has("client-certificate-data") || user.has("exec"))) {
      throw s.error("kubeconfig", "uses client certificates or an exec plugin, which kubeevent does not"
          + " support; give the user a bearer token");
    }
    return new KubeConfig(server, ca, cluster.path("insecure-skip-tls-verify").asBoolean(false), token);
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  static String readText(Path file, Settings s, String key) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw s.error(key, "cannot read " + file + " (" + e.getMessage() + ")");
    }
  }
}
