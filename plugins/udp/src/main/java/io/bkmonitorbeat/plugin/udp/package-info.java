/**
 * The udp uptime-check plugin (spec 10.3, gap G-7 fixed): send a datagram to each target address,
 * optionally wait for and check the reply, retry up to {@code times} attempts, and report one
 * event per address. Non-null by default.
 */
package io.bkmonitorbeat.plugin.udp;
