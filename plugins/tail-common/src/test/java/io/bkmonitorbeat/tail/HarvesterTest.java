package io.bkmonitorbeat.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HarvesterTest {
  @Test
  void newlineSearchAgreesWithAPlainLoopOnRandomBytes() {
    Random random = new Random(11);
    for (int round = 0; round < 2000; round++) {
      byte[] a = new byte[random.nextInt(64)];
      for (int i = 0; i < a.length; i++) {
        int r = random.nextInt(6);
        a[i] = (byte) (r == 0 ? '\n' : r == 1 ? 0x0B : r == 2 ? 0x09 : r == 3 ? -118 : random.nextInt(256));
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length);
      int expected = -1;
      for (int i = from; i < a.length; i++) {
        if (a[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(Harvester.indexOfNewline(a, from, a.length)).as("round " + round).isEqualTo(expected);
    }
  }
}
