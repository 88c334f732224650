package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel-log fixtures in {@code /dev/kmsg} record format, one record per line; a line starting
 * with a space continues the previous record (the kernel's dictionary lines).
 */
final class KmsgFixtures {
  private KmsgFixtures() {}

  static List<String> records(String name) throws IOException {
    try (InputStream in = KmsgFixtures.class.getResourceAsStream("/kmsg/" + name)) {
      if (in == null) {
        throw new IOException("no fixture " + name);
      }
      List<String> records = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(" ") && !records.isEmpty()) {
          records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
        } else if (!line.isEmpty()) {
          records.add(line + "\n");
        }
      }
      return records;
    }
  }
}
