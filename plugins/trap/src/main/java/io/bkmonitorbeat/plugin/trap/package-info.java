/**
 * The SNMP trap receiver plugin (spec 10.5, {@code type: snmptrap}): listens on UDP for SNMP v1,
 * v2c and v3 notifications, acknowledges informs, and reports traps, optionally aggregated per
 * period. The pure parts ({@link io.bkmonitorbeat.plugin.trap.Oids}, {@link
 * io.bkmonitorbeat.plugin.trap.OidTranslator}, {@link io.bkmonitorbeat.plugin.trap.OidDimensions},
 * {@link io.bkmonitorbeat.plugin.trap.ValueRenderer}, {@link
 * io.bkmonitorbeat.plugin.trap.TrapDecoder}, {@link io.bkmonitorbeat.plugin.trap.Aggregator}) are
 * separate from the socket code ({@link io.bkmonitorbeat.plugin.trap.UdpTrapTransport}, {@link
 * io.bkmonitorbeat.plugin.trap.TrapCollector}). Non-null by default.
 */
package io.bkmonitorbeat.plugin.trap;
