/**
 * The {@code static} collector (host-collectors spec 3): the host's static data (CPU count and
 * model, memory, disk and interfaces, system), reported when it changes and at the report period.
 * The package is {@code statics} because {@code static} is a Java keyword. Non-null by default.
 */
package io.bkmonitorbeat.plugin.statics;
