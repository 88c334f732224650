package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcmpPacketTest {

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void checksumOfTheRfc1071Example() {
    assertThat(IcmpPacket.checksum(bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7), 0, 8))
        .isEqualTo(0x220d);
  }

  @Test
  void checksumPadsAnOddLastByteAndHonoursTheRange() {
    assertThat(IcmpPacket.checksum(bytes(0x01), 0, 1)).isEqualTo(0xfeff);
    assertThat(IcmpPacket.checksum(bytes(0xff, 0x00, 0x01, 0xff), 1, 2)).isEqualTo(0xfffe);
    assertThat(IcmpPacket.checksum(new byte[0], 0, 0)).isEqualTo(0xffff);
  }

  @Test
  void minimalIpv4EchoRequestMatchesTheFixture() {
    assertThat(IcmpPacket.echoRequest(false, 0x1234, 1, 8, 0L))
        .containsExactly(bytes(0x08, 0x00, 0xe5, 0xca, 0x12, 0x34, 0x00, 0x01));
  }

  @Test
  void ipv4EchoRequestCarriesTheStampAndAValidChecksum() {
    long stamp = 0x0102030405060708L;
    byte[] packet = IcmpPacket.echoRequest(false, 0xfffe, 0xabcd, 20, stamp);
    assertThat(packet).hasSize(20);
    assertThat(packet).startsWith(bytes(0x08, 0x00));
    assertThat(java.util.Arrays.copyOfRange(packet, 4, 20)).containsExactly(bytes(
        0xff, 0xfe, 0xab, 0xcd, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0));
    assertThat(IcmpPacket.checksum(packet, 0, packet.length)).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 9, 15, 16, 17, 1400, 65_515})
  void anySizeFromTheHeaderUpIsSafe(int size) {
    byte[] packet = IcmpPacket.echoRequest(false, 7, 3, size, -1L);
    assertThat(packet).hasSize(size);
    assertThat(IcmpPacket.checksum(packet, 0, size)).isZero();
    int stamp = Math.min(8, size - 8);
    for (int i = 8; i < 8 + stamp; i++) {
      assertThat(packet[i]).isEqualTo((byte) 0xff);
    }
    for (int i = 8 + stamp; i < size; i++) {
      assertThat(packet[i]).isZero();
    }
  }

  @Test
  void shortPayloadGetsTheLeadingBytesOfTheStamp() {
    byte[] packet = IcmpPacket.echoRequest(false, 0, 0, 11, 0x0102030405060708L);
    assertThat(java.util.Arrays.copyOfRange(packet, 8, 11)).containsExactly(bytes(1, 2, 3));
  }

  @Test
  void sizeBelowTheHeaderIsRejected() {
    assertThatThrownBy(() -> IcmpPacket.echoRequest(false, 0, 0, 7, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6EchoRequestLeavesTheChecksumToTheKernel() {
    assertThat(IcmpPacket.echoRequest(true, 0x1234, 2, 8, 0L))
        .containsExactly(bytes(0x80, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02));
  }

  @Test
  void parsesAnIpv4ReplyAfterTheIpHeader() {
    byte[] datagram = bytes(
        0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
        0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01,
        0x00, 0x00, 0xed, 0xca, 0x12, 0x34, 0x00, 0x01, 0x99);
    assertThat(IcmpPacket.parseEchoReply(datagram, 28, false, true))
        .isEqualTo(new IcmpPacket.Reply(0x1234, 1, 8));
    assertThat(IcmpPacket.parseEchoReply(datagram, 29, false, true).size()).isEqualTo(9);
  }

  @Test
  void skipsIpv4Options() {
    byte[] datagram = new byte[24 + 8];
    datagram[0] = 0x46; // IHL 6: 24 bytes
    datagram[24 + 4] = 0x00;
    datagram[24 + 5] = 0x05;
    datagram[24 + 7] = 0x09;
    assertThat(IcmpPacket.parseEchoReply(datagram, datagram.length, false, true))
        .isEqualTo(new IcmpPacket.Reply(5, 9, 8));
  }

  @Test
  void parsesDatagramAndIpv6RepliesWithoutHeader() {
    assertThat(IcmpPacket.parseEchoReply(bytes(0x00, 0x00, 0, 0, 0xab, 0xcd, 0x01, 0x02), 8, false, false))
        .isEqualTo(new IcmpPacket.Reply(0xabcd, 0x0102, 8));
    assertThat(IcmpPacket.parseEchoReply(bytes(0x81, 0x00, 0, 0, 0x00, 0x07, 0x00, 0x03), 8, true, false))
        .isEqualTo(new IcmpPacket.Reply(7, 3, 8));
  }

  @Test
  void ignoresWhatIsNotAnEchoReply() {
    byte[] request = IcmpPacket.echoRequest(false, 1, 1, 8, 0);
    assertThat(IcmpPacket.parseEchoReply(request, 8, false, false)).as("our own request").isNull();
    assertThat(IcmpPacket.parseEchoReply(bytes(0x03, 0x03, 0, 0, 0, 0, 0, 0), 8, false, false))
        .as("port unreachable").isNull();
    assertThat(IcmpPacket.parseEchoReply(bytes(0x00, 0x01, 0, 0, 0, 0, 0, 0), 8, false, false))
        .as("code not 0").isNull();
    assertThat(IcmpPacket.parseEchoReply(bytes(0x00, 0x00, 0, 0, 0, 0, 0), 7, false, false))
        .as("truncated").isNull();
    assertThat(IcmpPacket.parseEchoReply(bytes(0x00, 0x00, 0, 0, 0, 0, 0, 0), 8, true, false))
        .as("v4 type on a v6 socket").isNull();
    assertThat(IcmpPacket.parseEchoReply(new byte[24], 24, false, true)).as("not IPv4").isNull();
    byte[] shortHeader = new byte[28];
    shortHeader[0] = 0x44; // IHL 4 < 5
    assertThat(IcmpPacket.parseEchoReply(shortHeader, 28, false, true)).isNull();
    byte[] onlyHeader = new byte[20];
    onlyHeader[0] = 0x45;
    assertThat(IcmpPacket.parseEchoReply(onlyHeader, 20, false, true)).isNull();
  }
}
