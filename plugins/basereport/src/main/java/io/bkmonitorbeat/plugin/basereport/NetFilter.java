package io.bkmonitorbeat.plugin.basereport;

import java.util.List;
import java.util.Set;

/**
 * basereport's interface filter (spec 2.10): {@code force_report_list} always keeps; else the
 * white/black list; else, when {@code skip_virtual_interface} is set, names listed in {@code
 * /sys/devices/virtual/net} are dropped (unless they match a white pattern). Immutable.
 */
final class NetFilter {
  private final BasereportSettings.Net settings;
  private final Set<String> virtual;

  /**
   * @param virtualNames the names of {@code /sys/devices/virtual/net}, read at the start of each
   *     collection; null when the directory is absent (then nothing is virtual, cf. gap 25)
   */
  NetFilter(BasereportSettings.Net settings, List<String> virtualNames) {
    this.settings = settings;
    this.virtual = virtualNames == null ? Set.of() : Set.copyOf(virtualNames);
  }

  boolean accepts(String name) {
    if (NameFilter.matchesAny(settings.forceReport(), name)) {
      return true;
    }
    if (!settings.interfaces().accepts(name)) {
      return false;
    }
    if (settings.skipVirtualInterface() && virtual.contains(name)) {
      return settings.interfaces().matchesWhite(name);
    }
    return true;
  }
}
