package io.bkmonitorbeat.hostcommon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Counts logged-in user sessions in a glibc {@code utmp} file ({@code /var/run/utmp}): records of
 * type {@code USER_PROCESS}, which is what {@code who} and {@code uptime} count. The original
 * counted entries of {@code /dev/pts} instead (gap 13). Stateless.
 */
public final class Utmp {
  /** Where glibc keeps the file. */
  public static final String FILE = "/var/run/utmp";
  /** The size of one record on 64-bit glibc (x86_64 and aarch64). */
  public static final int RECORD_SIZE = 384;
  /** {@code ut_type} of a user login. */
  public static final short USER_PROCESS = 7;

  private Utmp() {}

  /** Returns the number of {@code USER_PROCESS} records; a trailing partial record is ignored. */
  public static int countUserProcesses(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.nativeOrder());
    int n = 0;
    for (int off = 0; off + RECORD_SIZE <= file.length; off += RECORD_SIZE) {
      // ut_user (offset 44) must be set too: a USER_PROCESS with an empty name is a stale slot.
      if (b.getShort(off) == USER_PROCESS && file[off + 44] != 0) {
        n++;
      }
    }
    return n;
  }
}
