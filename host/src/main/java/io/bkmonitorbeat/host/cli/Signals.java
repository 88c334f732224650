package io.bkmonitorbeat.host.cli;

import java.lang.reflect.Proxy;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Unix signals: handling SIGUSR1 (reload) in this process and sending it to another.
 *
 * <p>Handling uses {@code sun.misc.Signal} (HotSpot's supported-but-internal API, in module
 * {@code jdk.unsupported}) through reflection, because javac reports any direct use as a
 * proprietary-API warning that cannot be suppressed. Sending uses jnr-posix's {@code kill(2)},
 * which the host has anyway with jnr-unixsocket. Thread-safe.
 */
final class Signals {
  private static final int SIGUSR1 = 10; // Linux

  private Signals() {}

  /**
   * Calls {@code action} on a JVM signal-dispatch thread whenever this process receives {@code
   * name} (e.g. {@code "USR1"}).
   *
   * @throws IllegalStateException if this JVM cannot handle the signal
   */
  static void handle(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler = Proxy.newProxyInstance(
          Signals.class.getClassLoader(),
          new Class<?>[] {handlerClass},
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            return method.getDeclaringClass() == Object.class && method.getName().equals("toString")
                ? "bkmonitorbeat " + name + " handler" : null;
          });
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot handle SIG" + name + " in this JVM", e);
    }
  }

  /** Sends SIGUSR1 to {@code pid}; returns whether the kernel accepted it. */
  static boolean sendUsr1(long pid) {
    POSIX posix = POSIXFactory.getNativePOSIX();
    return posix.kill((int) pid, SIGUSR1) == 0;
  }
}
