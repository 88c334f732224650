package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.CollectorContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of a probe of {@code host:port} (tcp and udp, spec 10.2 and 10.3): each starts with
 * {@code target_host}, {@code target_port} and {@code resolved_ip} and is emitted as an
 * uptime-check event or, with {@code custom_report}, as a custom report. Thread-safe: the probes
 * of one run emit from several pool threads.
 */
public final class PortProbeEvents {
  private final CollectorContext context;
  private final int port;
  private final boolean customReport;

  /**
   * @param context the task's context (clock, sink, host identity)
   * @param port the probed port, {@code target_port}
   * @param customReport whether events go out as custom reports ({@code custom_report})
   */
  public PortProbeEvents(CollectorContext context, int port, boolean customReport) {
    this.context = context;
    this.port = port;
    this.customReport = customReport;
  }

  /** One address to probe, with its host as configured. */
  public record Address(String host, InetAddress address) {}

  /**
   * Returns every address of the resolved targets, in order; for each host that did not resolve
   * calls {@code onFailure} instead.
   */
  public static List<Address> addresses(List<ResolvedTarget> targets,
      Consumer<ResolvedTarget.Failure> onFailure) {
    List<Address> addresses = new ArrayList<>();
    for (ResolvedTarget target : targets) {
      if (target instanceof ResolvedTarget.Failure failure) {
        onFailure.accept(failure);
      } else {
        for (InetAddress address : ((ResolvedTarget.Addresses) target).addresses()) {
          addresses.add(new Address(target.host(), address));
        }
      }
    }
    return addresses;
  }

  /** Starts the event of a probe of {@code address}, its clock running from now. */
  public UptimeCheckEvent begin(Address address) {
    return begin(address.host(), IpText.format(address.address()));
  }

  /** Starts the event of a probe of {@code host} at {@code resolvedIp} (empty if unresolved). */
  public UptimeCheckEvent begin(String host, String resolvedIp) {
    return UptimeCheckEvent.begin(context)
        .put("target_host", host)
        .put("target_port", port)
        .put("resolved_ip", resolvedIp);
  }

  /** Emits an ended probe's event to the task's sink. */
  public void emit(UptimeCheckEvent result) {
    context.sink().emit(customReport
        ? CustomReport.forSimpleProbe(result, context.hostIdentity())
        : result.toEvent());
  }
}
