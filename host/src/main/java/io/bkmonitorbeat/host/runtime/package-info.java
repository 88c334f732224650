/**
 * The running agent: it wires configuration, plugins, the scheduler and the output together,
 * enriches events, sends heartbeats and applies reloads. Non-null by default.
 */
package io.bkmonitorbeat.host.runtime;
