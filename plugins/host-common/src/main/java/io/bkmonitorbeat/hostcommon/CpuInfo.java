package io.bkmonitorbeat.hostcommon;

import java.util.List;

/**
 * One logical processor of {@code /proc/cpuinfo}, with gopsutil's field meanings.
 *
 * @param cpu the {@code processor} number
 * @param vendorId {@code vendor_id} (x86) or {@code CPU implementer} (arm)
 * @param family {@code cpu family} (a string, as gopsutil reports it)
 * @param model {@code model} (or {@code CPU part} on arm)
 * @param stepping {@code stepping} (or {@code CPU revision})
 * @param physicalId {@code physical id}
 * @param coreId {@code core id}
 * @param modelName {@code model name} (or {@code Processor}/{@code cpu model})
 * @param mhz {@code cpu MHz}
 * @param cacheSize {@code cache size} in KB
 * @param flags {@code flags} (or {@code Features})
 * @param microcode {@code microcode}
 */
public record CpuInfo(
    int cpu, String vendorId, String family, String model, int stepping, String physicalId,
    String coreId, String modelName, double mhz, int cacheSize, List<String> flags,
    String microcode) {

  /** Copies the list. */
  public CpuInfo {
    flags = List.copyOf(flags);
  }

  /** Returns a copy with another clock speed (from cpufreq). */
  public CpuInfo withMhz(double value) {
    return new CpuInfo(cpu, vendorId, family, model, stepping, physicalId, coreId, modelName,
        value, cacheSize, flags, microcode);
  }
}
