package io.bkmonitorbeat.host.publish;

import java.io.EOFException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads agent→collector messages of one connection until it ends, merges agent-info answers and
 * tells the connection owner when the connection broke. Never writes and never reconnects: the
 * owner thread alone does that (gap G-1: the Go receiver reconnected concurrently with the
 * sender). Runs on its own thread ({@code gse-reader}); its flags are safe to read anywhere.
 */
final class GseReader implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(GseReader.class);

  private final Transport transport;
  private final AgentInfoCache agentInfo;
  private final GseCounters counters;
  private final Runnable wakeOwner;
  private volatile boolean broken;
  private volatile boolean closing;

  GseReader(Transport transport, AgentInfoCache agentInfo, GseCounters counters,
      Runnable wakeOwner) {
    this.transport = transport;
    this.agentInfo = agentInfo;
    this.counters = counters;
    this.wakeOwner = wakeOwner;
  }

  /** Whether the connection ended or failed on the reading side. */
  boolean isBroken() {
    return broken;
  }

  /** Marks a close initiated by the owner, so the resulting read error is not reported. */
  void closing() {
    closing = true;
  }

  @Override
  public void run() {
    try {
      while (true) {
        GseFrames.AgentMessage message = GseFrames.readAgentMessage(transport);
        if (message.type() == GseFrames.TYPE_GET_CONF) {
          acceptAgentInfo(message.body());
        } else {
          log.debug("ignored agent message of type {}", message.type());
        }
      }
    } catch (EOFException e) {
      if (!closing) {
        counters.inc(GseCounters.CLIENT_SERVER_CLOSE);
        log.info("GSE agent closed the connection");
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        counters.inc(GseCounters.AGENT_RECEIVE_FAILED);
        log.warn("reading from the GSE agent failed", e);
      }
    } finally {
      broken = true;
      wakeOwner.run();
    }
  }

  private void acceptAgentInfo(byte[] body) {
    try {
      agentInfo.merge(body);
      counters.inc(GseCounters.AGENT_RECEIVED);
      wakeOwner.run(); // data may have been waiting for the first answer
    } catch (IOException e) {
      // A bad answer is the agent's problem; the connection and the old info stay usable.
      counters.inc(GseCounters.AGENT_RECEIVE_FAILED);
      log.warn("undecodable agent info from the GSE agent: {}", e.getMessage());
    }
  }
}
