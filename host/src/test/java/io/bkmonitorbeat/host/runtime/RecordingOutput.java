package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.host.publish.AgentInfo;
import io.bkmonitorbeat.host.publish.OutboundEvent;
import io.bkmonitorbeat.host.publish.Output;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link Output} that records what it is given (a test double at our own interface). */
final class RecordingOutput implements Output {
  final LinkedBlockingQueue<OutboundEvent> events = new LinkedBlockingQueue<>();
  volatile AgentInfo agentInfo = AgentInfo.EMPTY;

  @Override
  public void start() {}

  @Override
  public boolean publish(OutboundEvent event) {
    return events.add(event);
  }

  @Override
  public AgentInfo agentInfo() {
    return agentInfo;
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of();
  }

  @Override
  public void close(Duration flushTimeout) {}

  OutboundEvent next() throws InterruptedException {
    OutboundEvent event = events.poll(5, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within 5 s");
    }
    return event;
  }
}
