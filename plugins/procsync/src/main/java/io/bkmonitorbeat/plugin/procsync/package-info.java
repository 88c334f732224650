/**
 * The {@code procsync} collector (host-collectors spec 8): turns the user process configs of the
 * source directory into proccustom child configs in {@code dst_dir}, and has the host reload when
 * they changed.
 */
package io.bkmonitorbeat.plugin.procsync;
