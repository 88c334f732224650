package io.bkmonitorbeat.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatLineTest {

  @Test
  void parsesTheFieldsAfterTheLastParenthesis() {
    String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0"
        + " 98765 1000000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    StatLine stat = StatLine.parse(line);
    assertThat(stat.comm()).isEqualTo("my (odd) name");
    assertThat(stat.state()).isEqualTo('S');
    assertThat(stat.ppid()).isEqualTo(1);
    assertThat(stat.userTicks()).isEqualTo(250);
    assertThat(stat.systemTicks()).isEqualTo(75);
    assertThat(stat.startTicks()).isEqualTo(98765);
  }

  @Test
  void malformedLinesAreNull() {
    assertThat(StatLine.parse("garbage")).isNull();
    assertThat(StatLine.parse("1 (x) S 1 2")).isNull();
    assertThat(StatLine.parse("1 (x) S x 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5")).isNull();
  }

  @Test
  void aTruncatedNameIsCompletedFromArgvZero() {
    assertThat(ProcessScanner.completeName("averyveryverylo", "/opt/x/averyveryverylongname --flag"))
        .isEqualTo("averyveryverylongname");
    assertThat(ProcessScanner.completeName("averyveryverylo", "/opt/x/other --flag"))
        .isEqualTo("averyveryverylo");
    assertThat(ProcessScanner.completeName("short", "/opt/x/shortened")).isEqualTo("short");
  }

  @Test
  void argumentsAreJoinedBySpacesWithTrailingNulsTrimmed() {
    byte[] raw = "nginx\0-g\0daemon off;\0\0".getBytes();
    assertThat(ProcessScanner.joinArguments(raw, raw.length)).isEqualTo("nginx -g daemon off;");
  }
}
