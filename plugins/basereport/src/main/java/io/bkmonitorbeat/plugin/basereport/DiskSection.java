package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.BlockDevices;
import io.bkmonitorbeat.hostcommon.DiskStat;
import io.bkmonitorbeat.hostcommon.FsStat;
import io.bkmonitorbeat.hostcommon.FsTypes;
import io.bkmonitorbeat.hostcommon.Mount;
import io.bkmonitorbeat.hostcommon.MountParser;
import io.bkmonitorbeat.hostcommon.Numbers;
import io.bkmonitorbeat.hostcommon.ProcFs;
import io.bkmonitorbeat.hostcommon.StatFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code disk} section (spec 2.8): I/O rates per device, and partitions with their usage.
 * Collected synchronously in every run (the original published the previous run's copy, gap 7).
 * Partitions and the disk they belong to come from sysfs (gap 9).
 *
 * <p>Not thread-safe; used by the collecting thread only.
 */
final class DiskSection {
  private final HostReader reader;
  private final ProcFs fs;
  private final BlockDevices devices;
  private final BasereportSettings.Disk settings;
  private final DiskSampler sampler = new DiskSampler();
  private final Function<String, Optional<FsStat>> statfs;
  private final Map<String, DeviceInfo> deviceInfo = new HashMap<>();

  DiskSection(HostReader reader, BasereportSettings.Disk settings,
      Function<String, Optional<FsStat>> statfs) {
    this.reader = reader;
    this.fs = reader.fs();
    this.devices = new BlockDevices(fs);
    this.settings = settings;
    this.statfs = statfs;
  }

  static DiskSection real(HostReader reader, BasereportSettings.Disk settings) {
    return new DiskSection(reader, settings, StatFs::stat);
  }

  /** Takes the baseline of the I/O counters. */
  void baseline(long nanos) throws IOException {
    sampler.sample(reader.diskstats(), nanos);
  }

  Map<String, Object> collect(long nanos) throws IOException {
    List<Mount> mounts = mounts();
    Map<String, Object> disk = new LinkedHashMap<>(4);
    disk.put("diskstat", diskstat(nanos, mounts));
    List<Object> partitions = new ArrayList<>();
    List<Object> usage = new ArrayList<>();
    partitionsAndUsage(mounts, partitions, usage);
    disk.put("partition", partitions);
    disk.put("usage", usage);
    return disk;
  }

  /**
   * What sysfs and udev say about one device. It cannot change while the device exists, so it is
   * read once per device (keyed by name and number: a re-created device is read again).
   */
  private record DeviceInfo(boolean partition, String parent, String serial, String label) {}

  private DeviceInfo info(DiskStat s) {
    String key = s.name() + " " + s.major() + ":" + s.minor();
    DeviceInfo i = deviceInfo.get(key);
    if (i == null) {
      boolean partition = devices.isPartition(s.name(), s.major(), s.minor());
      i = new DeviceInfo(partition, partition ? devices.parentDisk(s.name()).orElse("") : "",
          devices.serial(s.name(), s.major(), s.minor()), devices.dmName(s.name()));
      deviceInfo.put(key, i);
    }
    return i;
  }

  private Map<String, Object> diskstat(long nanos, List<Mount> mounts) throws IOException {
    List<DiskStat> stats = reader.diskstats();
    Map<String, DiskSampler.Rates> rates = sampler.sample(stats, nanos);
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> present = new HashSet<>();
    for (DiskStat s : stats) {
      present.add(s.name() + " " + s.major() + ":" + s.minor());
      if (s.allZero()) {
        continue;
      }
      DeviceInfo info = info(s);
      if (!keepIo(s, info, mounts)) {
        continue;
      }
      DiskSampler.Rates r = rates.get(s.name());
      out.put(s.name(), new DiskRate(s, info.serial(), info.label(), r.ioRead(), r.ioWrite(),
          r.byteRead(), r.byteWrite(), r.util(), r.avgquSz(), r.await(), r.svctm(), r.avgrqSz())
          .toJson());
    }
    deviceInfo.keySet().retainAll(present);
    return out;
  }

  /** The diskstat filters of spec 2.8, with sysfs partition detection. */
  private boolean keepIo(DiskStat s, DeviceInfo info, List<Mount> mounts) {
    if (!info.partition()) {
      return settings.disks().accepts(s.name());
    }
    if (settings.ioSkipPartition()) {
      return false;
    }
    String disk = info.parent();
    if (!settings.disks().accepts(disk) || !settings.partitions().accepts(s.name())) {
      return false;
    }
    for (Mount m : mounts) {
      if (stripDev(m.device()).equals(s.name()) && !settings.fsTypes().accepts(m.fsType())) {
        return false;
      }
    }
    return true;
  }

  private void partitionsAndUsage(List<Mount> mounts, List<Object> partitions,
      List<Object> usage) {
    Set<String> nodev = settings.collectAllDevice() ? Set.of() : nodevTypes();
    Set<String> seenDevices = new HashSet<>();
    for (Mount m : mounts) {
      if (!settings.collectAllDevice()
          && (m.device().equals("none") || nodev.contains(m.fsType()) && !m.fsType().equals("zfs"))) {
        continue;
      }
      String name = stripDev(m.device());
      if (m.device().startsWith("/dev/")) {
        String disk = devices.parentDisk(name).orElse(name);
        if (!settings.disks().accepts(disk)) {
          continue;
        }
      }
      if (!settings.partitions().accepts(name) || !settings.mountPoints().accepts(m.mountPoint())
          || !settings.fsTypes().accepts(m.fsType())) {
        continue;
      }
      if (settings.dropDuplicateDevice() && !seenDevices.add(m.device())) {
        continue;
      }
      Optional<Map<String, Object>> u = usage(m);
      if (u.isEmpty()) {
        continue;
      }
      Map<String, Object> p = new LinkedHashMap<>(8);
      p.put("device", m.device());
      p.put("mountpoint", m.mountPoint());
      p.put("fstype", m.fsType());
      p.put("opts", opts(m));
      partitions.add(p);
      usage.add(u.get());
    }
  }

  private static List<String> opts(Mount m) {
    List<String> opts = new ArrayList<>(m.options());
    if (!m.root().equals("/")) {
      opts.add("bind");
    }
    if (!m.majorMinor().isEmpty()) {
      opts.add(m.majorMinor());
    }
    return opts;
  }

  /** The {@code usage[]} item, or empty when statfs fails or the percentage is out of range. */
  private Optional<Map<String, Object>> usage(Mount m) {
    Optional<FsStat> st = statfs.apply(m.mountPoint());
    if (st.isEmpty()) {
      return Optional.empty();
    }
    FsStat s = st.get();
    long total = s.blocks() * s.blockSize();
    long free = s.blocksAvailable() * s.blockSize();
    long used = (s.blocks() - s.blocksFree()) * s.blockSize();
    double pct = used + free == 0 ? 0 : used * 100.0 / (used + free);
    if (pct < 0 || pct > 100) {
      return Optional.empty();
    }
    boolean inodes = s.files() >= s.filesFree();
    long inodesUsed = inodes ? s.files() - s.filesFree() : 0;
    Map<String, Object> u = new LinkedHashMap<>(16);
    u.put("path", m.mountPoint());
    u.put("fstype", FsTypes.name(s.type()));
    u.put("total", total);
    u.put("free", free);
    u.put("used", used);
    u.put("usedPercent", pct);
    u.put("inodesTotal", inodes ? s.files() : 0L);
    u.put("inodesUsed", inodesUsed);
    u.put("inodesFree", inodes ? s.filesFree() : 0L);
    u.put("inodesUsedPercent", inodes && s.files() > 0 ? inodesUsed * 100.0 / s.files() : 0.0);
    return Optional.of(u);
  }

  /**
   * The mount table of pid 1 (the host's, when the agent runs in a container with the host's
   * /proc), falling back to our own; /dev/mapper links and /dev/root resolved.
   */
  List<Mount> mounts() {
    List<Mount> raw = List.of();
    for (String f : List.of("/proc/1/mountinfo", "/proc/self/mountinfo")) {
      List<String> lines = fs.lines(f);
      if (!lines.isEmpty()) {
        raw = MountParser.parseMountInfo(lines, f, reader);
        break;
      }
    }
    if (raw.isEmpty()) {
      for (String f : List.of("/proc/1/mounts", "/proc/self/mounts")) {
        List<String> lines = fs.lines(f);
        if (!lines.isEmpty()) {
          raw = MountParser.parseMounts(lines, f, reader);
          break;
        }
      }
    }
    List<Mount> out = new ArrayList<>(raw.size());
    for (Mount m : raw) {
      String device = m.device();
      if (device.startsWith("/dev/mapper/")) {
        device = fs.realPath(device).map(Path::toString).map(this::hostPath).orElse(device);
      } else if (device.equals("/dev/root") && !m.majorMinor().isEmpty()) {
        device = rootDevice(m.majorMinor()).orElse(device);
      }
      out.add(device.equals(m.device()) ? m
          : new Mount(device, m.mountPoint(), m.fsType(), m.options(), m.root(), m.majorMinor()));
    }
    return out;
  }

  /** A resolved path below the fixture root, back as a host path. */
  private String hostPath(String real) {
    String root = fs.path("/").toString();
    return root.equals("/") || !real.startsWith(root) ? real : real.substring(root.length() - 1);
  }

  private Optional<String> rootDevice(String majorMinor) {
    for (String line : fs.lines("/sys/dev/block/" + majorMinor + "/uevent")) {
      if (line.startsWith("DEVNAME=")) {
        return Optional.of("/dev/" + line.substring("DEVNAME=".length()));
      }
    }
    return Optional.empty();
  }

  private Set<String> nodevTypes() {
    Set<String> out = new HashSet<>();
    for (String line : fs.lines("/proc/filesystems")) {
      String[] f = Numbers.fields(line);
      if (f.length == 2 && f[0].equals("nodev")) {
        out.add(f[1]);
      }
    }
    return out;
  }

  static String stripDev(String device) {
    return device.startsWith("/dev/") ? device.substring(5) : device;
  }
}
