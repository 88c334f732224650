package io.bkmonitorbeat.hostcommon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code /proc/cpuinfo} (x86 and arm layouts) into one entry per logical CPU. Stateless. */
public final class CpuInfoParser {
  /** The file this parser reads. */
  public static final String FILE = "/proc/cpuinfo";

  private CpuInfoParser() {}

  /** Parses the lines; blocks are separated by blank lines and start with {@code processor}. */
  public static List<CpuInfo> parse(List<String> lines) {
    List<CpuInfo> out = new ArrayList<>();
    Map<String, String> block = new HashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        flush(block, out);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("processor") && block.containsKey("processor")) {
        flush(block, out);
      }
      block.putIfAbsent(key, value);
    }
    flush(block, out);
    return out;
  }

  private static void flush(Map<String, String> b, List<CpuInfo> out) {
    if (!b.containsKey("processor") || Numbers.intOr(b.get("processor"), -1) < 0) {
      b.clear(); // arm's trailer block (Hardware, Revision, Serial) has no processor
      return;
    }
    String flags = first(b, "flags", "Features");
    String cache = first(b, "cache size");
    int cacheKb = cache.isEmpty() ? 0 : Numbers.intOr(cache.replace("KB", "").replace("kB", ""), 0);
    out.add(new CpuInfo(
        Numbers.intOr(b.get("processor"), 0),
        first(b, "vendor_id", "CPU implementer"),
        first(b, "cpu family", "CPU architecture"),
        first(b, "model", "CPU part"),
        Numbers.intOr(first(b, "stepping", "CPU revision"), 0),
        first(b, "physical id"),
        first(b, "core id"),
        first(b, "model name", "Processor", "cpu model"),
        Numbers.doubleOr(first(b, "cpu MHz"), 0),
        cacheKb,
        flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" +")),
        first(b, "microcode")));
    b.clear();
  }

  private static String first(Map<String, String> b, String... keys) {
    for (String k : keys) {
      String v = b.get(k);
      if (v != null) {
        return v;
      }
    }
    return "";
  }
}
