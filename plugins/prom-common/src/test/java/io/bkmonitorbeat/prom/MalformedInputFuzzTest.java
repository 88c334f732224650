package io.bkmonitorbeat.prom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never escapes as an exception: random bytes and randomly mutated real exporter output
 * give samples and counted errors only, and stream parsing agrees with byte parsing.
 */
class MalformedInputFuzzTest {

  @Test
  void randomMutationsOfRealOutputNeverThrow() throws IOException {
    byte[] original;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/node_exporter.prom")) {
      original = in.readAllBytes();
    }
    byte[] alphabet = "{}\",=\\ \t\n#.eE+-0123456789aZ_:\u00ff#{".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      byte[] data = original.clone();
      int mutations = 1 + random.nextInt(200);
      for (int i = 0; i < mutations; i++) {
        int at = random.nextInt(data.length);
        data[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
      }
      ParseStats bytes = PromTextParser.parse(data, s -> { });
      ParseStats stream = new PromTextParser(1024).parseStream(
          PromTextParserTest.trickle(data, 1 + random.nextInt(5000)), s -> { });
      assertThat(bytes.samples() + bytes.errors()).isLessThanOrEqualTo(bytes.lines());
      assertThat(stream.samples()).isEqualTo(bytes.samples());
      assertThat(stream.errors()).isEqualTo(bytes.errors());
    }
  }

  @Test
  void randomBytesNeverThrow() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[random.nextInt(4096)];
      random.nextBytes(data);
      ParseStats stats = PromTextParser.parse(data, s -> { });
      assertThat(stats.bytes()).isEqualTo(data.length);
      PromTextParser.parse(new ByteArrayInputStream(data), s -> { });
    }
  }
}
