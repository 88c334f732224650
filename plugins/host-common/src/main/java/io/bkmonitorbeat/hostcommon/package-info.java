/**
 * Readers and parsers of Linux {@code /proc} and sysfs shared by the basereport and static
 * plugins. Every parser is a pure function of the file's lines (tested with fixtures captured from
 * real kernels); {@link io.bkmonitorbeat.hostcommon.ProcFs} is the thin reading shell around them,
 * rooted at a directory so that tests can point it at a fixture tree. Non-null by default.
 */
package io.bkmonitorbeat.hostcommon;
