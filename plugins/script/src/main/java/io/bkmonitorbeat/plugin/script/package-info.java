/**
 * The {@code script} collector: runs a user command on a schedule — locally, each pipeline stage
 * in its own process group (killed as a whole at the timeout), optionally as another user — or on
 * a remote host over SSH, and turns its Prometheus text output into metric events (spec 10.6).
 */
package io.bkmonitorbeat.plugin.script;
