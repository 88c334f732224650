package io.bkmonitorbeat.host.publish;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The field rules of the GSE output (spec 2.9): reading an event's data id, and attaching agent
 * info and {@code gseindex}. Stateless and thread-safe; the maps it edits are not.
 */
final class EventFields {
  private EventFields() {}

  /**
   * Returns the event's data id: the {@code dataid} field when present (any integer type, a
   * float truncated, or a decimal string), otherwise {@code fallback} (the record's data id);
   * 0 when none is usable. Values that do not fit 32 bits are unusable.
   */
  static int dataId(Map<String, Object> fields, int fallback) {
    Object value = fields.get("dataid");
    if (value == null) {
      return Math.max(fallback, 0);
    }
    long id;
    if (value instanceof Number n) {
      id = n.longValue(); // truncates floats, as Go's int conversion does
      if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return 0;
      }
    } else if (value instanceof String s) {
      try {
        id = new BigDecimal(s.trim()).longValue();
      } catch (NumberFormatException e) {
        return 0;
      }
    } else {
      return 0;
    }
    return id > 0 && id <= Integer.MAX_VALUE ? (int) id : 0;
  }

  /** Source of the next {@code gseindex} of a data id. */
  interface GseIndexSource {
    long next(int dataId);
  }

  /** Attaches {@code info} to a standard or legacy ({@code _time_}) event. */
  static void attach(Map<String, Object> f, int dataId, AgentInfo info, GseIndexSource index) {
    if (f.containsKey("_time_")) {
      f.put("_bizid_", info.bizId());
      f.put("_cloudid_", info.cloudId());
      f.put("_server_", info.ip());
      if (!f.containsKey("gseindex")) {
        f.put("_gseindex_", index.next(dataId));
      }
      f.put("_agentid_", info.agentId());
      f.put("_hostid_", info.hostId());
      f.remove("time");
      return;
    }
    f.put("bizid", info.bizId());
    f.putIfAbsent("bk_biz_id", info.bkBizId());
    if (!f.containsKey("gseindex")) {
      f.put("gseindex", index.next(dataId));
    }
    f.put("cloudid", info.cloudId());
    f.put("ip", info.ip());
    f.put("hostname", info.hostname());
    f.put("bk_agent_id", info.agentId());
    f.put("bk_host_id", info.hostId());
  }
}
