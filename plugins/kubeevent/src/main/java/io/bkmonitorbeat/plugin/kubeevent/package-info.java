/**
 * The kubeevent collector (spec host-collectors 10): follows files of Kubernetes {@code Event}
 * objects (one JSON object per line) with the shared tailer, and optionally the Kubernetes API's
 * event watch, and reports per event identity how many times it occurred in each {@code
 * interval} (windowed counting, spec 10.3). Timestamps are RFC 3339 with or without fractions
 * (gap 21); offsets are persisted, so a restart does not re-read the files.
 */
package io.bkmonitorbeat.plugin.kubeevent;
