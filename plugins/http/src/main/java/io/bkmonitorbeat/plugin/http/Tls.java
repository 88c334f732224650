package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.tls.TrustAll;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factories of the probes: one that verifies certificates against a trust store
 * (the JDK's default, or a test's), one that trusts everything for {@code insecure_skip_verify}.
 * Immutable and thread-safe.
 */
final class Tls {
  private final SSLSocketFactory verifying;
  private final SSLSocketFactory trustingAll;

  private Tls(SSLSocketFactory verifying) {
    this.verifying = Objects.requireNonNull(verifying, "verifying");
    this.trustingAll = TrustAll.context().getSocketFactory();
  }

  /** Returns factories verifying against the JDK's default trust store. */
  static Tls system() {
    try {
      return new Tls(SSLContext.getDefault().getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** Returns factories verifying against {@code context}'s trust managers (tests). */
  static Tls verifyingWith(SSLContext context) {
    return new Tls(context.getSocketFactory());
  }

  /** Returns the factory for a task: verifying, or trusting all when {@code insecure}. */
  SSLSocketFactory factory(boolean insecure) {
    return insecure ? trustingAll : verifying;
  }
}
