/**
 * The ping plugin (spec 10.4, gap G-9 fixed): ICMP echo to every target address over one raw
 * (or unprivileged datagram) ICMP socket per family, reporting loss and round-trip times per
 * (target, address). Non-null by default.
 */
package io.bkmonitorbeat.plugin.ping;
