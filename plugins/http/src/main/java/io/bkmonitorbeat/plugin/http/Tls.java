package io.bkmonitorbeat.plugin.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

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
    this.trustingAll = trustAllContext().getSocketFactory();
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

  private static SSLContext trustAllContext() {
    TrustManager trustAll = new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context", e);
    }
  }
}
