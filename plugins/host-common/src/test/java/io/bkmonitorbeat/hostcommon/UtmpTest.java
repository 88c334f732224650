package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UtmpTest {

  /** Builds utmp records in glibc's 64-bit layout: ut_type at 0, ut_line at 8, ut_user at 44. */
  static byte[] utmp(short[] types, String[] users) {
    ByteBuffer b = ByteBuffer.allocate(types.length * Utmp.RECORD_SIZE + 10)
        .order(ByteOrder.nativeOrder());
    for (int i = 0; i < types.length; i++) {
      int off = i * Utmp.RECORD_SIZE;
      b.putShort(off, types[i]);
      byte[] u = users[i].getBytes(StandardCharsets.US_ASCII);
      for (int k = 0; k < u.length; k++) {
        b.put(off + 44 + k, u[k]);
      }
    }
    return b.array();
  }

  @Test
  void countsUserProcessRecordsOnly() {
    // BOOT_TIME(2), RUN_LVL(1), two logins, LOGIN_PROCESS(6) getty, DEAD_PROCESS(8), an empty slot
    byte[] f = utmp(new short[] {2, 1, 7, 7, 6, 8, 7},
        new String[] {"reboot", "runlevel", "root", "alice", "LOGIN", "bob", ""});
    assertThat(Utmp.countUserProcesses(f)).isEqualTo(2);
  }

  @Test
  void emptyFile() {
    assertThat(Utmp.countUserProcesses(new byte[0])).isZero();
  }
}
