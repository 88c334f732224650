package io.bkmonitorbeat.tail;

import java.nio.file.Path;

/**
 * What the registry knows about one file: where it was last seen, its device and inode, its
 * content fingerprint and the committed offset (always at a line boundary). Mutable; confined to
 * the tailer's thread.
 */
final class FileState {
  /** An inode value meaning "not tied to an inode any more" (a retired or stale state). */
  static final long NO_INODE = -1;

  Path path;
  long device;
  long inode;
  long offset;
  Fingerprint fingerprint;
  long lastSeenMillis;
  /** Whether a harvester currently owns this state (not persisted). */
  boolean attached;

  FileState(Path path, long device, long inode, long offset, Fingerprint fingerprint, long lastSeenMillis) {
    this.path = path;
    this.device = device;
    this.inode = inode;
    this.offset = offset;
    this.fingerprint = fingerprint;
    this.lastSeenMillis = lastSeenMillis;
  }

  boolean sameFile(long otherDevice, long otherInode) {
    return inode != NO_INODE && device == otherDevice && inode == otherInode;
  }

  @Override
  public String toString() {
    return path + "@" + offset + " (dev " + device + ", inode " + inode + ", fp " + fingerprint.length() + ")";
  }
}
