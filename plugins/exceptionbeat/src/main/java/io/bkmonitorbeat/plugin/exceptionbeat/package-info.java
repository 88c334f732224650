/**
 * The exceptionbeat plugin (host-collectors spec 4): host exception events from four detectors
 * selected by {@code check_bit} — read-only mounts, full disks, core files and OOM kills — in
 * bkmonitorbeat's GSE alarm envelope. Readers of {@code /proc} and {@code /dev/kmsg} are kept apart
 * from the parsers, which are tested with text fixtures. Non-null by default.
 */
package io.bkmonitorbeat.plugin.exceptionbeat;
