package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.DiskStat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One block device's counters and the rates over the interval since the previous collection.
 *
 * @param stat the counters at the end of the interval
 * @param serialNumber udev's serial
 * @param label the device-mapper name
 * @param speedIORead reads per second
 * @param speedIOWrite writes per second
 * @param speedByteRead bytes read per second
 * @param speedByteWrite bytes written per second
 * @param util fraction of the interval the device was busy, 0..1 (gap 8: clamped to 1 instead of
 *     the original's 0 when the I/O time slightly exceeds the measured interval)
 * @param avgquSz average queue length
 * @param await average milliseconds per I/O
 * @param svctm average service milliseconds per I/O
 * @param avgrqSz average sectors per I/O
 */
record DiskRate(
    DiskStat stat, String serialNumber, String label, double speedIORead, double speedIOWrite,
    double speedByteRead, double speedByteWrite, double util, double avgquSz, double await,
    double svctm, double avgrqSz) {

  static final long SECTOR = 512;

  /** The {@code disk.diskstat.<name>} object. */
  Map<String, Object> toJson() {
    DiskStat s = stat;
    Map<String, Object> m = new LinkedHashMap<>(40);
    m.put("major", s.major());
    m.put("minor", s.minor());
    m.put("name", s.name());
    m.put("readCount", s.readCount());
    m.put("mergedReadCount", s.mergedReadCount());
    m.put("writeCount", s.writeCount());
    m.put("mergedWriteCount", s.mergedWriteCount());
    m.put("readBytes", s.readSectors() * SECTOR);
    m.put("writeBytes", s.writeSectors() * SECTOR);
    m.put("readSectors", s.readSectors());
    m.put("writeSectors", s.writeSectors());
    m.put("readTime", s.readTime());
    m.put("writeTime", s.writeTime());
    m.put("iopsInProgress", s.iopsInProgress());
    m.put("ioTime", s.ioTime());
    m.put("weightedIO", s.weightedIO());
    m.put("serialNumber", serialNumber);
    m.put("label", label);
    m.put("speedIORead", speedIORead);
    m.put("speedByteRead", speedByteRead);
    m.put("speedIOWrite", speedIOWrite);
    m.put("speedByteWrite", speedByteWrite);
    m.put("util", util);
    m.put("avgrq_sz", avgrqSz);
    m.put("avgqu_sz", avgquSz);
    m.put("await", await);
    m.put("svctm", svctm);
    return m;
  }
}
