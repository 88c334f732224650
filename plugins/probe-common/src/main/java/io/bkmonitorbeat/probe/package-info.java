/**
 * Building blocks shared by the network probe plugins (tcp, udp, http): the net task settings
 * ({@link io.bkmonitorbeat.probe.NetSettings}), target resolution ({@link
 * io.bkmonitorbeat.probe.TargetResolver}), request/response matching ({@link
 * io.bkmonitorbeat.probe.Matcher}) and the uptime-check event shapes ({@link
 * io.bkmonitorbeat.probe.UptimeCheckEvent}, {@link io.bkmonitorbeat.probe.CustomReport}).
 *
 * <p>This library is shaded into each probe plugin jar; it depends on the JDK and the plugin API
 * only and knows nothing about any particular protocol. Every parameter and return value is
 * non-null unless its javadoc says otherwise.
 */
package io.bkmonitorbeat.probe;
