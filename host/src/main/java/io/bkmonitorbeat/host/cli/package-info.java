/** The command line: flags, the pid file, signals and logging set-up. Non-null by default. */
package io.bkmonitorbeat.host.cli;
