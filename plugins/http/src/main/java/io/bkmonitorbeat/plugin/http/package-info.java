/**
 * The http uptime-check plugin (spec 10.1): multi-step HTTP(S) requests to every resolved address
 * of each URL, status-code and body checks, one event per request with phase timings and, for
 * https, the peer certificate's expiry. Non-null by default.
 */
package io.bkmonitorbeat.plugin.http;
