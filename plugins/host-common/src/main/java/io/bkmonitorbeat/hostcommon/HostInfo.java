package io.bkmonitorbeat.hostcommon;

import java.util.Locale;
import java.util.Optional;

/**
 * Host facts that basereport's {@code system.info} and static's {@code system} share, read from
 * procfs (no {@code uname} process). Thread-safe (stateless over an immutable {@link ProcFs}).
 */
public final class HostInfo {
  private final ProcFs fs;

  /** Creates a reader over {@code fs}. */
  public HostInfo(ProcFs fs) {
    this.fs = fs;
  }

  /** The host name ({@code /proc/sys/kernel/hostname}). */
  public String hostname() {
    return fs.firstLine("/proc/sys/kernel/hostname").orElse("");
  }

  /** {@code uname -r}. */
  public String kernelVersion() {
    return fs.firstLine("/proc/sys/kernel/osrelease").orElse("");
  }

  /**
   * {@code uname -m}: {@code /proc/sys/kernel/arch} (Linux 6.1+), else the JVM's architecture in
   * uname spelling.
   */
  public String kernelArch() {
    Optional<String> arch = fs.firstLine("/proc/sys/kernel/arch");
    if (arch.isPresent()) {
      return arch.get();
    }
    String jvm = System.getProperty("os.arch", "");
    return switch (jvm) {
      case "amd64" -> "x86_64";
      case "x86", "i386" -> "i686";
      default -> jvm;
    };
  }

  /**
   * The original's {@code systemtype}: {@code 64-bit} for x86_64, {@code arm-64bit} for aarch64,
   * {@code arm-32bit} for aarch32, {@code 32-bit} otherwise, {@code unknown} when the machine is
   * unknown.
   */
  public static String systemType(String machine) {
    if (machine.isEmpty()) {
      return "unknown";
    }
    if (machine.contains("x86_64")) {
      return "64-bit";
    }
    if (machine.contains("aarch64")) {
      return "arm-64bit";
    }
    if (machine.contains("aarch32")) {
      return "arm-32bit";
    }
    return "32-bit";
  }

  /** Seconds since boot ({@code /proc/uptime}). */
  public long uptimeSeconds() {
    String line = fs.firstLine("/proc/uptime").orElse("0");
    String[] f = Numbers.fields(line);
    return f.length == 0 ? 0 : (long) Numbers.doubleOr(f[0], 0);
  }

  /**
   * The host id: DMI {@code product_uuid} lower-cased, else {@code /etc/machine-id} formatted as a
   * UUID, else the boot id.
   */
  public String hostId() {
    Optional<String> uuid = fs.firstLine("/sys/class/dmi/id/product_uuid");
    if (uuid.isPresent()) {
      return uuid.get().toLowerCase(Locale.ROOT);
    }
    Optional<String> machine = fs.firstLine("/etc/machine-id");
    if (machine.isPresent() && machine.get().length() == 32) {
      String m = machine.get();
      return m.substring(0, 8) + "-" + m.substring(8, 12) + "-" + m.substring(12, 16) + "-"
          + m.substring(16, 20) + "-" + m.substring(20, 32);
    }
    return fs.firstLine("/proc/sys/kernel/random/boot_id").orElse("");
  }

  /**
   * The virtualization system and role ({@code guest}/{@code host}/{@code ""}), from the same
   * clues gopsutil reads: xen, kvm/vbox/vmware modules, the cpuinfo model, container markers.
   *
   * @return {@code [system, role]}
   */
  public String[] virtualization() {
    if (fs.exists("/proc/xen")) {
      String caps = fs.text("/proc/xen/capabilities").orElse("");
      return new String[] {"xen", caps.contains("control_d") ? "host" : "guest"};
    }
    String modules = fs.text("/proc/modules").orElse("");
    if (modules.contains("kvm ")) {
      return new String[] {"kvm", "host"};
    }
    if (modules.contains("vboxdrv")) {
      return new String[] {"vbox", "host"};
    }
    if (modules.contains("vboxguest")) {
      return new String[] {"vbox", "guest"};
    }
    if (modules.contains("vmware")) {
      return new String[] {"vmware", "guest"};
    }
    String cpuinfo = fs.text("/proc/cpuinfo").orElse("");
    if (cpuinfo.contains("QEMU Virtual CPU") || cpuinfo.contains("Common KVM processor")
        || cpuinfo.contains("Common 32-bit KVM processor")) {
      return new String[] {"kvm", "guest"};
    }
    if (fs.exists("/proc/vz") && !fs.exists("/proc/bc")) {
      return new String[] {"openvz", "guest"};
    }
    if (fs.exists("/proc/bc/0")) {
      return new String[] {"openvz", "host"};
    }
    String cgroup = fs.text("/proc/1/cgroup").orElse("");
    if (cgroup.contains("docker")) {
      return new String[] {"docker", "guest"};
    }
    if (cgroup.contains("lxc")) {
      return new String[] {"lxc", "guest"};
    }
    if (fs.exists("/.dockerenv")) {
      return new String[] {"docker", "guest"};
    }
    String product = fs.firstLine("/sys/class/dmi/id/product_name").orElse("")
        + fs.firstLine("/sys/class/dmi/id/sys_vendor").orElse("");
    if (product.contains("KVM") || product.contains("QEMU")) {
      return new String[] {"kvm", "guest"};
    }
    if (product.contains("VMware")) {
      return new String[] {"vmware", "guest"};
    }
    if (cpuinfo.contains(" hypervisor")) {
      return new String[] {"", "guest"};
    }
    return new String[] {"", ""};
  }
}
