/**
 * The metricbeat plugin: scrapes Prometheus endpoints (bkmonitorbeat's {@code metricbeat} task,
 * module {@code prometheus}, metricset {@code collector}) and emits metric and gather-up events.
 */
package io.bkmonitorbeat.plugin.metricbeat;
