package io.bkmonitorbeat.hostcommon;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform, platform family and version as gopsutil derives them (lower-case ids such as
 * {@code centos}/{@code rhel}/{@code 7.9.2009} or {@code ubuntu}/{@code debian}/{@code 22.04}).
 *
 * @param platform e.g. {@code ubuntu}
 * @param family e.g. {@code debian}
 * @param version e.g. {@code 22.04}
 */
public record OsRelease(String platform, String family, String version) {
  private static final Pattern RELEASE = Pattern.compile("release (\\d[\\d.]*)");
  private static final Set<String> DEBIAN = Set.of("debian", "ubuntu", "linuxmint", "raspbian");
  private static final Set<String> RHEL = Set.of("oracle", "centos", "redhat", "scientific",
      "enterpriseenterprise", "amazon", "xenserver", "cloudlinux", "ibm_powerkvm", "rocky",
      "almalinux", "tencentos", "opencloudos", "anolis");
  private static final Set<String> SUSE = Set.of("suse", "opensuse", "opensuse-leap",
      "opensuse-tumbleweed", "opensuse-tumbleweed-kubic", "sles", "sled", "caasp");

  /** Reads the release files below {@code fs}'s root. */
  public static OsRelease read(ProcFs fs) {
    Map<String, String> osRelease = keyValues(fs.lines("/etc/os-release"));
    Map<String, String> lsb = keyValues(fs.lines("/etc/lsb-release"));
    String platform;
    String version;
    if (fs.exists("/etc/debian_version")) {
      if ("ubuntu".equalsIgnoreCase(lsb.get("DISTRIB_ID"))) {
        platform = "ubuntu";
        version = lsb.getOrDefault("DISTRIB_RELEASE", "");
      } else if ("ubuntu".equals(osRelease.get("ID"))) {
        platform = "ubuntu";
        version = osRelease.getOrDefault("VERSION_ID", "");
      } else {
        platform = fs.exists("/usr/bin/raspi-config") ? "raspbian" : "debian";
        version = fs.firstLine("/etc/debian_version").orElse("");
      }
    } else if (fs.exists("/etc/redhat-release")) {
      String text = fs.firstLine("/etc/redhat-release").orElse("");
      platform = redhatPlatform(text);
      Matcher m = RELEASE.matcher(text);
      version = m.find() ? m.group(1) : "";
    } else {
      platform = osRelease.getOrDefault("ID", lsb.getOrDefault("DISTRIB_ID", ""))
          .toLowerCase(Locale.ROOT);
      version = osRelease.getOrDefault("VERSION_ID", lsb.getOrDefault("DISTRIB_RELEASE", ""));
    }
    return new OsRelease(platform, family(platform), version);
  }

  static String redhatPlatform(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("red hat")) {
      return "redhat";
    }
    for (String id : List.of("centos", "rocky", "almalinux", "fedora", "scientific",
        "cloudlinux", "oracle", "amazon", "tencentos", "opencloudos", "anolis")) {
      if (t.contains(id)) {
        return id;
      }
    }
    String[] words = t.split(" ");
    return words.length > 0 ? words[0] : "";
  }

  static String family(String platform) {
    if (DEBIAN.contains(platform)) {
      return "debian";
    }
    if (RHEL.contains(platform)) {
      return "rhel";
    }
    if (SUSE.contains(platform)) {
      return "suse";
    }
    return switch (platform) {
      case "gentoo" -> "gentoo";
      case "fedora" -> "fedora";
      case "arch", "archarm", "manjaro" -> "arch";
      case "alpine" -> "alpine";
      case "coreos" -> "coreos";
      default -> "";
    };
  }

  /** Parses {@code KEY=value} / {@code KEY="value"} lines. */
  static Map<String, String> keyValues(List<String> lines) {
    Map<String, String> m = new HashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String v = line.substring(eq + 1).strip();
      if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"")
          || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      m.put(line.substring(0, eq).strip(), v);
    }
    return m;
  }
}
