package io.bkmonitorbeat.hostcommon;

/**
 * One line of {@code /proc/diskstats} (the first 14 columns; later kernels add discard and flush
 * columns that basereport does not report). Sectors are always 512 bytes in this file.
 */
public record DiskStat(
    int major, int minor, String name,
    long readCount, long mergedReadCount, long readSectors, long readTime,
    long writeCount, long mergedWriteCount, long writeSectors, long writeTime,
    long iopsInProgress, long ioTime, long weightedIO) {

  /** Whether every counter is 0 (a device never used; the original skips those). */
  public boolean allZero() {
    return readCount == 0 && mergedReadCount == 0 && readSectors == 0 && readTime == 0
        && writeCount == 0 && mergedWriteCount == 0 && writeSectors == 0 && writeTime == 0
        && iopsInProgress == 0 && ioTime == 0 && weightedIO == 0;
  }
}
