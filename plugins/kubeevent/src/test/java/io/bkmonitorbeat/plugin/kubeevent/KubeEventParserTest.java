package io.bkmonitorbeat.plugin.kubeevent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeEventParserTest {
  private final KubeEventParser parser = new KubeEventParser(new ObjectMapper());

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2024-05-01T10:00:05Z, 2024-05-01T10:00:05Z",
      "2024-05-01T10:00:05.123456Z, 2024-05-01T10:00:05.123456Z",
      "2024-05-01T10:00:05.1Z, 2024-05-01T10:00:05.100Z",
      "2024-05-01T18:00:05+08:00, 2024-05-01T10:00:05Z",
      "2024-05-01T10:00:05.123456789-01:30, 2024-05-01T11:30:05.123456789Z"})
  void everyRfc3339FormParses(String text, String expected) {
    assertThat(KubeEventParser.parseTime(text)).contains(Instant.parse(expected));
  }

  @Test
  void microTimeEventTimeAloneGivesBothTimesNotNow() {
    // gap 21: a MicroTime eventTime, no firstTimestamp/lastTimestamp (events.k8s.io style)
    String line = "{\"reason\":\"Scheduled\",\"metadata\":{\"uid\":\"u1\"},\"involvedObject\":{\"kind\":\"Pod\","
        + "\"name\":\"p\"},\"eventTime\":\"2024-05-01T10:00:05.123456Z\",\"firstTimestamp\":null,\"lastTimestamp\":null}";
    KubeEvent event = parser.parse(line).event();
    assertThat(event.first()).isEqualTo(Instant.parse("2024-05-01T10:00:05.123456Z"));
    assertThat(event.last()).isEqualTo(event.first());
    assertThat(event.count()).isEqualTo(1);
  }

  @Test
  void lastIsTheLaterOfLastTimestampAndSeriesAndCountFallsBackToTheSeries() {
    String line = "{\"reason\":\"BackOff\",\"metadata\":{\"uid\":\"u2\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\"},"
        + "\"firstTimestamp\":\"2024-05-01T10:00:00Z\",\"lastTimestamp\":\"2024-05-01T10:05:00Z\","
        + "\"series\":{\"count\":7,\"lastObservedTime\":\"2024-05-01T10:07:00.5Z\"},\"count\":0}";
    KubeEvent event = parser.parse(line).event();
    assertThat(event.last()).isEqualTo(Instant.parse("2024-05-01T10:07:00.5Z"));
    assertThat(event.count()).isEqualTo(7);
    assertThat(event.identity()).isEqualTo(parser.parse(line.replace("BackOff\"", "BackOff\"")).event().identity()).hasSize(32);
  }

  @Test
  void badInputIsRejectedWithAReason() {
    assertThat(parser.parse("not json").reject()).isEqualTo(KubeEventParser.Reject.MALFORMED);
    assertThat(parser.parse("[1,2]").reject()).isEqualTo(KubeEventParser.Reject.MALFORMED);
    assertThat(parser.parse("{\"reason\":\"x\"}").reject()).isEqualTo(KubeEventParser.Reject.NO_TIMESTAMP);
    assertThat(parser.parse("{\"reason\":\"x\",\"firstTimestamp\":\"yesterday\"}").reject())
        .isEqualTo(KubeEventParser.Reject.NO_TIMESTAMP);
    assertThat(parser.badTimestamps()).isEqualTo(1);
  }
}
