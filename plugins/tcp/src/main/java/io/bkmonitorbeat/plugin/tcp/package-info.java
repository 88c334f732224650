/**
 * The tcp uptime-check plugin (spec 10.2): connect to each target address, optionally send a
 * request and check the response, and report one event per address. Non-null by default.
 */
package io.bkmonitorbeat.plugin.tcp;
