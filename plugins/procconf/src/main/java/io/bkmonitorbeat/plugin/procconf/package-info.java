/**
 * The {@code procconf} collector (host-collectors spec 6): keeps the processbeat child config in
 * step with the CMDB process list of the host-id file, and has the host reload when it changed.
 */
package io.bkmonitorbeat.plugin.procconf;
