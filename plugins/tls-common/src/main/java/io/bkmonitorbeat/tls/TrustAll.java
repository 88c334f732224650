package io.bkmonitorbeat.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every certificate chain: what a task gets when it asks not to verify the peer
 * ({@code insecure_skip_verify}, {@code verification_mode: none}).
 *
 * <p>It is an {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain
 * {@code X509TrustManager} in one that still checks the host name against the certificate, so a
 * peer reached by IP with a certificate for its DNS name would be refused although the task asked
 * for no verification. Stateless and thread-safe.
 */
public final class TrustAll extends X509ExtendedTrustManager {
  /** The one instance. */
  public static final TrustAll INSTANCE = new TrustAll();

  private TrustAll() {}

  /**
   * Returns a new TLS context whose only trust manager is this one, with no client certificate.
   *
   * @throws IllegalStateException if the JDK has no TLS implementation
   */
  public static SSLContext context() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {INSTANCE}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context", e);
    }
  }

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
}
