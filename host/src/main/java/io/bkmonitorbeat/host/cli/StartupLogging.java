package io.bkmonitorbeat.host.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration until the config's {@code logging.*} section is applied
 * ({@link LoggingSetup}): INFO to stderr, so that stdout stays clean for the console output's
 * JSON lines, and PF4J's chatter at WARN. Found by logback through {@code ServiceLoader}.
 *
 * <p>Why code and not a {@code logback.xml}: configuring from XML loads logback's Joran framework
 * and the JDK's XML parser, some 350 classes (about 2 MB of resident memory) that a daemon keeps
 * for its whole life only to read five lines once.
 */
public final class StartupLogging extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getLogger("org.pf4j").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(LoggingSetup.consoleAppender(context));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
