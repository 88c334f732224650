/**
 * The keyword collector (spec host-collectors 9): follows log files with the shared tailer
 * ({@code io.bkmonitorbeat.tail}), drops lines a filter finds, matches each line against the
 * task's rules (regexes with named groups), counts matches per file, rule and group values, and
 * every {@code report_period} sends the counts with the last matching line as keyword events,
 * expanded by the task's CMDB labels. Offsets are committed after each flush, so a restart neither
 * loses nor repeats a line (gap 20).
 */
package io.bkmonitorbeat.plugin.keyword;
