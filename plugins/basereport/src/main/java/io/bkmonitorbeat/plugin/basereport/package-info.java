/**
 * The {@code basereport} collector (host-collectors spec 2): the host performance report (cpu,
 * memory, load, disk, network, environment, system) every BlueKing host sends, with rates from
 * explicit previous-sample state and real elapsed time. Non-null by default.
 */
package io.bkmonitorbeat.plugin.basereport;
