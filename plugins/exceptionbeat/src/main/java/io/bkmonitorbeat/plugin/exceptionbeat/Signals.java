package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.List;

/** Linux signal numbers to names, for the {@code %s} of core file names. Stateless. */
final class Signals {
  // x86, arm and most Linux architectures; index = signal number.
  private static final List<String> NAMES = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
      "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
      "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
      "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
      "SIGIO", "SIGPWR", "SIGSYS");

  private Signals() {}

  /** The name of a signal number given as text; other text is returned unchanged. */
  static String name(String number) {
    try {
      int n = Integer.parseInt(number);
      return n > 0 && n < NAMES.size() ? NAMES.get(n) : number;
    } catch (NumberFormatException e) {
      return number;
    }
  }
}
