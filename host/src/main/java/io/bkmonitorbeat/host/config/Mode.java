package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.util.Locale;

/** The process mode, {@code bkmonitorbeat.mode} (spec 3.3). */
public enum Mode {
  /** Production: periodic scheduler, heartbeats. */
  DAEMON,
  /** Run every task once and exit; the default when {@code mode} is absent (gap G-17, kept). */
  CHECK,
  /** Cron-style periodic scheduler, heartbeats. */
  CRON;

  /** Returns whether heartbeats are sent in this mode (daemon and cron). */
  public boolean daemonLike() {
    return this != CHECK;
  }

  static Mode parse(Settings bk) {
    String text = bk.string("mode", "check").trim();
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "daemon" -> DAEMON;
      case "check" -> CHECK;
      case "cron" -> CRON;
      default -> throw bk.error("mode", "must be daemon, check or cron");
    };
  }
}
