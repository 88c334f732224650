package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.ProcFs;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The report's time and place fields (spec 2.3, 2.4): {@code timezone} (whole hours of the local
 * offset), {@code datetime}/{@code utctime} as {@code yyyy-MM-dd HH:mm:ss}, and {@code
 * country}/{@code city} from {@code /etc/sysconfig/clock}. Stateless.
 */
final class ReportTime {
  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private ReportTime() {}

  static void put(Map<String, Object> data, Instant now, ZoneId zone, ProcFs fs) {
    ZonedDateTime local = now.atZone(zone);
    data.put("timezone", local.getOffset().getTotalSeconds() / 3600);
    data.put("datetime", FORMAT.format(local));
    data.put("utctime", FORMAT.format(now.atZone(ZoneOffset.UTC)));
    String[] place = place(fs);
    data.put("country", place[0]);
    data.put("city", place[1]);
  }

  /** {@code ZONE="Asia/Shanghai"} gives {Asia, Shanghai}; anything else two empty strings. */
  static String[] place(ProcFs fs) {
    for (String line : fs.lines("/etc/sysconfig/clock")) {
      String l = line.strip();
      if (l.startsWith("ZONE=")) {
        String v = l.substring(5).replace("\"", "");
        String[] parts = v.split("/");
        if (parts.length == 2) {
          return parts;
        }
      }
    }
    return new String[] {"", ""};
  }
}
