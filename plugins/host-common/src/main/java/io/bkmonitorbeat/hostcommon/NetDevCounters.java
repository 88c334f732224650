package io.bkmonitorbeat.hostcommon;

/** One interface line of {@code /proc/net/dev}: the 8 receive and 8 transmit columns. */
public record NetDevCounters(
    String name,
    long bytesRecv, long packetsRecv, long errin, long dropin, long fifoin, long framein,
    long compressedin, long multicastin,
    long bytesSent, long packetsSent, long errout, long dropout, long fifoout, long colls,
    long carrier, long compressedout) {}
