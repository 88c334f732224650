package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.host.json.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an agent-info response (spec 2.5) into the previous info: keys missing from the
 * response keep their previous values, as Go's {@code json.Unmarshal} into the existing struct
 * does. Keys match case-insensitively (Go's rule; it matters for {@code hostid}, whose Go field
 * has no tag). Stateless and thread-safe.
 */
final class AgentInfoDecoder {
  private AgentInfoDecoder() {}

  /**
   * Returns {@code previous} updated by the JSON object {@code body}, with {@code hostname}.
   *
   * @throws IOException if the body is not a JSON object or a value has the wrong type
   */
  static AgentInfo merge(AgentInfo previous, byte[] body, String hostname) throws IOException {
    if (!(Json.parse(body) instanceof Map<?, ?> root)) {
      throw new IOException("agent info is not a JSON object");
    }
    int bizId = previous.bizId();
    int bkBizId = previous.bkBizId();
    int cloudId = previous.cloudId();
    String ip = previous.ip();
    String agentId = previous.agentId();
    String tenantId = previous.tenantId();
    int staticDataId = previous.staticDataId();
    int hostId = previous.hostId();
    for (Map.Entry<?, ?> field : root.entrySet()) {
      Object v = field.getValue();
      if (v == null) {
        continue; // Go leaves the field alone for null
      }
      String key = ((String) field.getKey()).toLowerCase(Locale.ROOT);
      switch (key) {
        case "bizid" -> bizId = int32(key, v);
        case "bk_biz_id" -> bkBizId = int32(key, v);
        case "cloudid" -> cloudId = int32(key, v);
        case "ip" -> ip = text(key, v);
        case "bk_agent_id" -> agentId = text(key, v);
        case "bk_tenant_id" -> tenantId = text(key, v);
        case "static_dataid" -> staticDataId = int32(key, v);
        case "hostid" -> hostId = int32(key, v);
        default -> { } // other keys are not ours
      }
    }
    return new AgentInfo(bizId, bkBizId, cloudId, ip, agentId, tenantId, staticDataId, hostId,
        hostname);
  }

  private static int int32(String key, Object v) throws IOException {
    if (!(v instanceof Integer i)) { // Json reads an integer that fits 32 bits as an Integer
      throw new IOException("agent info " + key + " must be a 32-bit integer, was " + Json.text(v));
    }
    return i;
  }

  private static String text(String key, Object v) throws IOException {
    if (!(v instanceof String s)) {
      throw new IOException("agent info " + key + " must be a string, was " + Json.text(v));
    }
    return s;
  }

}
