package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.host.publish.OutboundEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPipelineTest {
  private final RecordingOutput output = new RecordingOutput();
  private final List<Map<String, Object>> levels = List.of(Map.of("bk_biz_id", 2, "bk_set_id", 3));
  private final EventPipeline pipeline =
      new EventPipeline(output, new Enrichment("10.0.0.1", 5, levels, false));

  @Test
  void addsTheNodeIdentityTypeAndCmdbLevels() throws Exception {
    assertThat(pipeline.publish(Event.builder("tcp", 1009).put("status", 0).build())).isTrue();

    OutboundEvent sent = output.next();
    assertThat(sent.dataId()).isEqualTo(1009);
    assertThat(sent.fields())
        .containsEntry("node_id", "5:10.0.0.1")
        .containsEntry("bk_cloud_id", 5)
        .containsEntry("ip", "10.0.0.1")
        .containsEntry("type", "tcp")
        .containsEntry("bk_cmdb_level", levels)
        .containsEntry("status", 0);
  }

  @Test
  void leavesOutCmdbLevelsWhenTheEventOrTheConfigSaysSo() throws Exception {
    pipeline.publish(Event.builder("ping", 1).ignoreCmdbLevel().build());
    assertThat(output.next().fields()).doesNotContainKey("bk_cmdb_level");

    pipeline.setEnrichment(new Enrichment("10.0.0.1", 5, levels, true));
    pipeline.publish(Event.builder("tcp", 1).build());
    assertThat(output.next().fields()).doesNotContainKey("bk_cmdb_level");
  }

  @Test
  void countsStatusesOfAnyIntegralType() {
    pipeline.publish(Event.builder("tcp", 1).put("status", 0).build());
    pipeline.publish(Event.builder("tcp", 1).put("status", 0L).build());
    pipeline.publish(Event.builder("tcp", 1).put("status", 1).build());
    pipeline.publish(Event.builder("tcp", 1).put("status", 3L).build());
    pipeline.publish(Event.builder("tcp", 1).put("status", -1).build());
    pipeline.publish(Event.builder("tcp", 1).build());

    assertThat(pipeline.published()).isEqualTo(2);
    assertThat(pipeline.errors()).isEqualTo(2);
  }

  @Test
  void swallowsFailedStatusEventsAndStripsTheMarkerFromGoodOnes() throws Exception {
    pipeline.publish(Event.builder("status", 1).put("status", 1).put("not_uptimecheck", 0).build());
    pipeline.publish(Event.builder("script", 1).put("status", 0).put("not_uptimecheck", 0).build());

    OutboundEvent sent = output.next();
    assertThat(sent.fields()).doesNotContainKeys("status", "not_uptimecheck").containsEntry("type", "script");
    assertThat(output.events).isEmpty();
    assertThat(pipeline.errors()).isEqualTo(1);
    assertThat(pipeline.published()).isEqualTo(1);
  }

  @Test
  void publishesHostEventsWithoutEnrichment() throws Exception {
    pipeline.publishDirect(1100001, Map.of("dataid", 1100001, "time", 1L));

    assertThat(output.next().fields()).containsOnlyKeys("dataid", "time");
  }
}
