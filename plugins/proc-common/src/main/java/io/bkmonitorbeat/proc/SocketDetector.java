package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the listening sockets of given processes (spec 1.7): the socket table from netlink
 * {@code sock_diag}, or from {@code /proc/net} when {@code disable_netlink} is set or netlink has
 * failed once (then permanently, as in the original, after one retry on {@code /proc/net}), and
 * the owners from the processes' descriptors. Not thread-safe (one per collector).
 */
public final class SocketDetector {
  private static final Logger log = LoggerFactory.getLogger(SocketDetector.class);

  private final SocketTable netlink;
  private final SocketTable fallback;
  private final SocketOwners owners;
  private final String label;
  private boolean degraded;
  private final AtomicLong netlinkFailures = new AtomicLong();

  /**
   * A detector.
   *
   * @param netlink the preferred table
   * @param fallback the table used when the preferred one is disabled or has failed
   * @param owners the socket-to-process lookup
   * @param disableNetlink whether to use {@code fallback} from the start
   * @param label the task label for the log
   */
  public SocketDetector(SocketTable netlink, SocketTable fallback, SocketOwners owners,
      boolean disableNetlink, String label) {
    this.netlink = netlink;
    this.fallback = fallback;
    this.owners = owners;
    this.degraded = disableNetlink;
    this.label = label;
  }

  /** A detector of the host: netlink unless {@code disableNetlink}, else {@code /proc/net}. */
  public static SocketDetector system(ProcFs proc, boolean disableNetlink, String label) {
    return new SocketDetector(new NetlinkSocketTable(), new ProcNetSocketTable(proc),
        new SocketOwners(proc), disableNetlink, label);
  }

  /**
   * Returns the listening TCP and bound UDP sockets of each of {@code pids}.
   *
   * @throws IOException when the fallback table cannot be read either
   */
  public Map<Integer, List<SocketEntry>> socketsOf(Collection<Integer> pids) throws IOException {
    return owners.byPid(pids, table());
  }

  /** Returns the whole table from the current source (for tests and diagnostics). */
  public List<SocketEntry> table() throws IOException {
    if (!degraded) {
      try {
        return netlink.read();
      } catch (IOException | RuntimeException | LinkageError e) {
        netlinkFailures.incrementAndGet();
        degraded = true;
        log.warn("{}: the {} socket detector failed ({}); using {} from now on", label,
            netlink.name(), e.toString(), fallback.name());
      }
    }
    return fallback.read();
  }

  /** Returns the name of the table in use now. */
  public String source() {
    return degraded ? fallback.name() : netlink.name();
  }

  /** Returns how many malformed {@code /proc/net} lines were skipped so far. */
  public long malformedLines() {
    return fallback instanceof ProcNetSocketTable table ? table.malformed() : 0;
  }

  /** Returns how many times netlink failed (0 or 1: it is not retried). */
  public long netlinkFailures() {
    return netlinkFailures.get();
  }
}
