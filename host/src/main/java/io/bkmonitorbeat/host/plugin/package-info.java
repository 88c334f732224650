/**
 * Finding, isolating and loading collector plugin jars with PF4J. Non-null by default.
 *
 * <p>Each jar in {@code plugins/} gets its own class loader. Classes of the plugin API, PF4J,
 * SLF4J, the JDK and the shared native-binding libraries always come from the host
 * ({@link io.bkmonitorbeat.host.plugin.ParentFirstPolicy}); everything else is looked up in the
 * jar first. A broken jar is reported with its reason and skipped; the others load.
 */
package io.bkmonitorbeat.host.plugin;
