package io.bkmonitorbeat.host.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed command line. bkmonitorbeat's flags are single-dash words ({@code -c}, {@code -v},
 * {@code -reload}); a double dash is accepted too. Immutable.
 *
 * @param config the {@code -c} file, if given
 * @param command what to do
 */
record CommandLine(Optional<Path> config, Command command) {

  /** What the process is asked to do. */
  enum Command {
    /** Run the agent (daemon, or check mode when the config or {@code -check} says so). */
    RUN,
    /** Run every task once, print or publish the events, exit non-zero if a task failed. */
    CHECK,
    /** Send SIGUSR1 to the running instance named by the pid file. */
    RELOAD,
    /** Print the version. */
    VERSION,
    /** List the installed plugins. */
    PLUGINS,
    /** Print the usage. */
    HELP
  }

  static final String USAGE = """
      usage: bkmonitorbeat [-c FILE] [-check | -reload | -v | plugins]
        -c FILE   the main configuration (default: etc/bkmonitorbeat.yml of the installation)
        -check    run every task once, print or publish its events, exit 1 if a task failed
        -reload   make the running instance (found through the pid file) reload its configuration
        -v        print the version
        plugins   list the plugins (the running agent's view with task counts, if it runs),
                  their state and why a failed one failed
        -e        log to stderr (the default when logging.path is not set)
      """;

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message for the user when they are not understood
   */
  static CommandLine parse(String... args) {
    Path config = null;
    Command command = Command.RUN;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].startsWith("--") ? args[i].substring(1) : args[i];
      switch (arg) {
        case "-c" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("-c needs a file");
          }
          config = Path.of(args[++i]);
        }
        case "-check" -> command = pick(command, Command.CHECK);
        case "-reload" -> command = pick(command, Command.RELOAD);
        case "-v", "-version" -> command = pick(command, Command.VERSION);
        case "plugins" -> command = pick(command, Command.PLUGINS);
        case "-h", "-help" -> command = pick(command, Command.HELP);
        case "-e" -> { } // logs go to stderr unless logging.path is set: nothing to do
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return new CommandLine(Optional.ofNullable(config), command);
  }

  private static Command pick(Command current, Command requested) {
    if (current != Command.RUN && current != requested) {
      throw new IllegalArgumentException(
          "-" + current.name().toLowerCase(java.util.Locale.ROOT) + " and -"
              + requested.name().toLowerCase(java.util.Locale.ROOT) + " exclude each other");
    }
    return requested;
  }
}
