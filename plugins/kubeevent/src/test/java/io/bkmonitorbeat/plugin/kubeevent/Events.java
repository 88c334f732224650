package io.bkmonitorbeat.plugin.kubeevent;

import java.time.Instant;

/** Builds Event JSON lines for tests. */
final class Events {
  private Events() {}

  static String json(String uid, String reason, String name, long count, Instant first, Instant last) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + ".17\",\"namespace\":\"default\","
        + "\"uid\":\"" + uid + "\",\"resourceVersion\":\"1\"},\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\","
        + "\"name\":\"" + name + "\",\"apiVersion\":\"v1\"},\"reason\":\"" + reason + "\",\"message\":\"Back-off restarting " + name + "\","
        + "\"source\":{\"component\":\"kubelet\",\"host\":\"node-1\"},\"firstTimestamp\":\"" + first + "\","
        + "\"lastTimestamp\":\"" + last + "\",\"count\":" + count + ",\"type\":\"Warning\",\"eventTime\":null}";
  }
}
