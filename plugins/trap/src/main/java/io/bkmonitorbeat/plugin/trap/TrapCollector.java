package io.bkmonitorbeat.plugin.trap;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.StreamingCollector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

/**
 * The running SNMP trap receiver of one task. Threads, all from the host's factory: one UDP
 * receive thread, a small handler pool (SNMP4J's message processing, USM and the decoding run
 * there; at most {@code concurrency} datagrams wait), and one sender that flushes the aggregation
 * cache every window (with {@code aggregate}) and watches the kernel's UDP {@code RcvbufErrors}
 * every minute (Linux). SNMP4J itself starts no thread here: no {@code Snmp} session, no {@code
 * DefaultUdpTransportMapping}, no {@code MultiThreadedMessageDispatcher}.
 */
final class TrapCollector implements StreamingCollector {
  private static final Logger LOG = LoggerFactory.getLogger(TrapCollector.class);
  private static final int MAX_AGGREGATION_KEYS = 100_000;
  private static final Path PROC_NET_SNMP = Path.of("/proc/net/snmp");

  /** Packets SNMP4J could not parse or process. */
  private static final Set<OID> MALFORMED = Set.of(
      SnmpConstants.snmpInASNParseErrs, SnmpConstants.snmpInBadVersions,
      SnmpConstants.snmpInvalidMsgs, SnmpConstants.snmpUnknownSecurityModels,
      SnmpConstants.snmpUnknownPDUHandlers);
  /** v3 messages USM rejected (unknown engine ids are only discovery and are not counted). */
  private static final Set<OID> SECURITY = Set.of(
      SnmpConstants.usmStatsUnknownUserNames, SnmpConstants.usmStatsWrongDigests,
      SnmpConstants.usmStatsDecryptionErrors, SnmpConstants.usmStatsUnsupportedSecLevels,
      SnmpConstants.usmStatsNotInTimeWindows);

  private final CollectorContext context;
  private final TrapSettings settings;
  private final TrapDecoder decoder;
  private final Aggregator aggregator = new Aggregator(MAX_AGGREGATION_KEYS);
  private final Map<String, TrapSettings.UsmUserConfig> usersByName;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong droppedCommunity = new AtomicLong();
  private final AtomicLong droppedSecurity = new AtomicLong();
  private final AtomicLong droppedMalformed = new AtomicLong();
  private final AtomicLong droppedOverload = new AtomicLong();
  private final AtomicLong droppedBySink = new AtomicLong();

  private volatile UdpTrapTransport transport;
  private volatile ThreadPoolExecutor handlers;
  private volatile ScheduledThreadPoolExecutor sender;
  private volatile MessageDispatcherImpl dispatcher;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile long lastRcvbufErrors = -1;
  private volatile long kernelDrops; // drops of our socket, from /proc/net/udp{,6}

  TrapCollector(CollectorContext context, TrapSettings settings) {
    this.context = context;
    this.settings = settings;
    this.decoder = new TrapDecoder(settings, ZoneId.systemDefault());
    this.usersByName = settings.users().stream().collect(
        Collectors.toMap(TrapSettings.UsmUserConfig::userName, Function.identity(), (a, b) -> a));
  }

  @Override
  public synchronized void start() throws Exception {
    if (closed.get()) {
      throw new IllegalStateException("closed");
    }
    InetAddress address = settings.listenIp().isEmpty()
        ? new InetSocketAddress(0).getAddress() : InetAddress.getByName(settings.listenIp());

    MessageDispatcherImpl mdi = new MessageDispatcherImpl();
    CounterSupport counters = new CounterSupport();
    counters.addCounterListener(this::onCounter);
    mdi.addCounterListener(this::onCounter);
    mdi.addMessageProcessingModel(new MPv1());
    mdi.addMessageProcessingModel(new MPv2c());
    if (settings.version() == TrapSettings.Version.V3) {
      mdi.addMessageProcessingModel(buildMpv3(counters));
    }
    mdi.addCommandResponder(this::onPdu);
    dispatcher = mdi;

    int threads = Math.min(settings.concurrency(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(settings.concurrency()), tracked("handler"));
    handlers = pool;

    UdpTrapTransport udp = new UdpTrapTransport(new InetSocketAddress(address, settings.listenPort()),
        tracked("listener"), this::onPacket);
    udp.addTransportListener(mdi);
    mdi.addTransportMapping(udp);
    transport = udp;
    ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, tracked("sender"));
    if (settings.aggregate()) {
      long window = settings.window().toMillis();
      flusher.scheduleAtFixedRate(this::flushSafely, window, window, TimeUnit.MILLISECONDS);
    }
    if (Files.isReadable(PROC_NET_SNMP)) {
      checkRcvbufErrors();
      flusher.scheduleAtFixedRate(this::checkRcvbufErrors, 1, 1, TimeUnit.MINUTES);
    }
    sender = flusher;
    udp.listen();
    LOG.info("{}: listening for SNMP traps on udp {}", context.task().label(), udp.getListenAddress());
  }

  /** The host's thread factory, remembering each thread so that close() can wait for it. */
  private ThreadFactory tracked(String purpose) {
    ThreadFactory factory = context.threadFactory(purpose);
    return runnable -> {
      Thread thread = factory.newThread(runnable);
      threads.add(thread);
      return thread;
    };
  }

  private MPv3 buildMpv3(CounterSupport counters) {
    SecurityProtocols protocols =
        new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
    byte[] localEngineId = MPv3.createLocalEngineID(
        new OctetString("bkm-trap-" + context.task().taskId()));
    USM usm = new USM(protocols, new OctetString(localEngineId), 0, counters);
    for (TrapSettings.UsmUserConfig user : settings.users()) {
      OctetString name = new OctetString(user.userName());
      UsmUser usmUser = new UsmUser(name, user.authProtocol(),
          user.authProtocol() == null ? null : new OctetString(user.authPassphrase()),
          user.privProtocol(),
          user.privProtocol() == null ? null : new OctetString(user.privPassphrase()),
          UsmUser.LocalizationGrant.any);
      if (user.engineId() != null) {
        // Traps come from the configured (sender-authoritative) engine; informs are sent to us,
        // the authoritative engine, so the user is localized for both.
        usm.addUser(name, new OctetString(user.engineId()), usmUser);
        usm.addUser(name, new OctetString(localEngineId), usmUser);
      } else {
        usm.addUser(name, usmUser);
      }
    }
    MPv3 mpv3 = new MPv3(localEngineId, null, protocols,
        new SecurityModels().addSecurityModel(usm), counters);
    return mpv3;
  }

  /** Returns the bound UDP port (for tests when {@code listen_port} is 0). */
  int localPort() {
    UdpTrapTransport udp = transport;
    return udp == null ? -1 : udp.getListenAddress().getPort();
  }

  /** Returns the receiver's counters (received, accepted, dropped by reason). */
  @Override
  public Map<String, Long> counters() {
    return Map.of("received", received.get(), "accepted", accepted.get(),
        "dropped_community", droppedCommunity.get(), "dropped_security", droppedSecurity.get(),
        "dropped_malformed", droppedMalformed.get(), "dropped_overload", droppedOverload.get(),
        "dropped_aggregation", aggregator.overflow(), "dropped_by_sink", droppedBySink.get(),
        "dropped_by_kernel", kernelDrops);
  }

  private void onPacket(UdpAddress from, ByteBuffer packet) {
    received.incrementAndGet();
    ThreadPoolExecutor pool = handlers;
    UdpTrapTransport udp = transport;
    try {
      pool.execute(() -> {
        try {
          udp.deliver(from, packet);
        } catch (RuntimeException e) {
          droppedMalformed.incrementAndGet();
          LOG.debug("{}: dropped a packet from {} that SNMP4J could not process",
              context.task().label(), from, e);
        }
      });
    } catch (RejectedExecutionException e) {
      if (droppedOverload.incrementAndGet() % 1000 == 1) {
        LOG.warn("{}: trap handlers are busy, dropped {} packets so far", context.task().label(),
            droppedOverload.get());
      }
    }
  }

  private void onCounter(CounterEvent event) {
    OID oid = event.getOid();
    if (MALFORMED.contains(oid)) {
      droppedMalformed.incrementAndGet();
    } else if (SECURITY.contains(oid)) {
      droppedSecurity.incrementAndGet();
    }
  }

  private void onPdu(CommandResponderEvent<?> event) {
    PDU pdu = event.getPDU();
    if (pdu == null) {
      return;
    }
    int type = pdu.getType();
    if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) {
      return; // gets, sets and responses are not for a trap receiver
    }
    event.setProcessed(true);
    String version;
    String community = "";
    switch (event.getMessageProcessingModel()) {
      case MPv1.ID -> version = "v1";
      case MPv2c.ID -> version = "v2c";
      default -> version = "v3";
    }
    if (!version.equals("v3")) {
      community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
      if (settings.communities().isPresent() && !settings.communities().get().contains(community)) {
        // G-8: the original computed this check and ignored it.
        droppedCommunity.incrementAndGet();
        LOG.debug("{}: dropped a {} trap from {} with a community that is not accepted",
            context.task().label(), version, event.getPeerAddress());
        return;
      }
    } else {
      TrapSettings.UsmUserConfig user =
          usersByName.get(new String(event.getSecurityName(), StandardCharsets.UTF_8));
      if (user == null || event.getSecurityLevel() < user.minLevel()) {
        droppedSecurity.incrementAndGet();
        return;
      }
    }
    if (type == PDU.INFORM) {
      acknowledge(event);
    }
    String peerIp = "";
    int peerPort = 0;
    if (event.getPeerAddress() instanceof UdpAddress peer) {
      peerIp = peer.getInetAddress().getHostAddress();
      peerPort = peer.getPort();
    }
    TrapRecord record = decoder.decode(pdu, version, community, peerIp, peerPort, localPort(),
        context.clock().millis());
    accepted.incrementAndGet();
    if (settings.aggregate()) {
      aggregator.add(record);
    } else {
      emit(new Aggregator.Pending(record, 1));
    }
  }

  private void acknowledge(CommandResponderEvent<?> event) {
    PDU response = (PDU) event.getPDU().clone();
    response.setType(PDU.RESPONSE);
    response.setErrorStatus(PDU.noError);
    response.setErrorIndex(0);
    try {
      event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
          event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
          event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
    } catch (MessageException e) {
      LOG.warn("{}: could not acknowledge an inform from {}: {}", context.task().label(),
          event.getPeerAddress(), e.getMessage());
    }
  }

  private void emit(Aggregator.Pending pending) {
    Event event = TrapEvents.toEvent(settings.dataId(), settings.target(), pending);
    if (!context.sink().emit(event)) {
      droppedBySink.incrementAndGet();
    }
  }

  /**
   * Refreshes {@code dropped_by_kernel} from our socket's drop counter, and logs when the kernel
   * dropped datagrams for full receive buffers, ours or (RcvbufErrors) any socket's.
   */
  void checkRcvbufErrors() {
    int port = localPort();
    try {
      OptionalLong drops = port > 0 ? SocketDrops.read(port) : OptionalLong.empty();
      if (drops.isPresent() && drops.getAsLong() > kernelDrops) {
        LOG.warn("{}: the kernel dropped {} trap datagrams for a full receive buffer", context.task().label(),
            drops.getAsLong() - kernelDrops);
        kernelDrops = drops.getAsLong();
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("{}: cannot read the socket's drops", context.task().label(), e);
    }
    try {
      OptionalLong now = RcvbufErrors.parse(Files.readString(PROC_NET_SNMP));
      if (now.isPresent()) {
        long before = lastRcvbufErrors;
        lastRcvbufErrors = now.getAsLong();
        if (before >= 0 && now.getAsLong() > before) {
          LOG.warn("{}: the kernel dropped {} UDP datagrams for full receive buffers in the last"
              + " minute (RcvbufErrors); traps may be lost", context.task().label(),
              now.getAsLong() - before);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("{}: cannot read {}", context.task().label(), PROC_NET_SNMP, e);
    }
  }

  private void flushSafely() {
    try {
      aggregator.drain().forEach(this::emit);
    } catch (RuntimeException e) {
      LOG.warn("{}: flushing aggregated traps failed", context.task().label(), e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      UdpTrapTransport udp = transport;
      if (udp != null) {
        udp.close(400);
      }
      ThreadPoolExecutor pool = handlers;
      if (pool != null) {
        pool.shutdown();
        awaitQuietly(pool, 300);
        pool.shutdownNow();
      }
      ScheduledThreadPoolExecutor flusher = sender;
      if (flusher != null) {
        flusher.shutdownNow();
        awaitQuietly(flusher, 200);
      }
      MessageDispatcherImpl mdi = dispatcher;
      if (mdi != null && udp != null) {
        udp.removeAllTransportListeners();
        mdi.removeTransportMapping(udp);
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      for (Thread thread : threads) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
          try {
            thread.join(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      if (settings.aggregate()) {
        flushSafely(); // pending entries are flushed on stop
      }
    }
  }

  private static void awaitQuietly(ExecutorService executor, long millis) {
    try {
      executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
