package io.bkmonitorbeat.plugin.trap;

import java.util.OptionalLong;

/**
 * Reads the UDP {@code RcvbufErrors} counter from the text of Linux's {@code /proc/net/snmp}
 * (datagrams the kernel dropped because a socket's receive buffer was full). Pure.
 */
final class RcvbufErrors {
  private RcvbufErrors() {}

  /** Returns the counter, or empty when the text has no UDP header and value lines with it. */
  static OptionalLong parse(String procNetSnmp) {
    String[] header = null;
    for (String line : procNetSnmp.split("\n")) {
      if (!line.startsWith("Udp:")) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      if (header == null) {
        header = fields;
        continue;
      }
      for (int i = 1; i < header.length && i < fields.length; i++) {
        if (header[i].equals("RcvbufErrors")) {
          try {
            return OptionalLong.of(Long.parseLong(fields[i]));
          } catch (NumberFormatException e) {
            return OptionalLong.empty();
          }
        }
      }
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
