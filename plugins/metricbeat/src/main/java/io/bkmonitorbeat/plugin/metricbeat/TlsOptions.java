package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.tls.TrustAll;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of a scrape, from the module's {@code ssl} map (Beats' TLS keys): {@code enabled},
 * {@code verification_mode} ({@code full}/{@code strict}: chain and host name; {@code
 * certificate}: chain only; {@code none}: nothing checked), {@code certificate_authorities} (PEM
 * files or inline PEM; replaces the JDK trust store), {@code certificate} + {@code key} (client
 * certificate, PEM; the key PKCS#8, encrypted PKCS#8 with {@code key_passphrase}, or PKCS#1 RSA),
 * {@code supported_protocols} ({@code TLSv1.2}, {@code TLSv1.3}, ...) and {@code cipher_suites}
 * (JDK/IANA names). {@code curve_types} is accepted and ignored: the JDK sets named groups only
 * process-wide. Immutable.
 *
 * @param context the TLS context of the task's HTTP client
 * @param parameters protocols and cipher suites (null entries mean the JDK defaults)
 */
record TlsOptions(SSLContext context, SSLParameters parameters) {

  /** Parses {@code ssl}; absent or {@code enabled: false} gives the JDK defaults. */
  static TlsOptions parse(Settings ssl) {
    try {
      if (!ssl.bool("enabled", true) || ssl.keys().isEmpty()) {
        return new TlsOptions(SSLContext.getDefault(), null);
      }
      String mode = ssl.string("verification_mode", "full").trim().toLowerCase(Locale.ROOT);
      if (!Set.of("full", "strict", "certificate", "none", "").contains(mode)) {
        throw ssl.error("verification_mode", "must be full, strict, certificate or none");
      }
      TrustManager trust = trustManager(ssl, mode);
      KeyManager[] keys = keyManagers(ssl);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, null);
      SSLParameters parameters = context.getDefaultSSLParameters();
      List<String> protocols = ssl.strings("supported_protocols");
      if (!protocols.isEmpty()) {
        List<String> names = new ArrayList<>();
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        for (String p : protocols) {
          String name = p.trim().equals("TLSv1.0") ? "TLSv1" : p.trim();
          if (!supported.contains(name)) {
            throw ssl.error("supported_protocols", "has '" + p + "', not one of " + supported);
          }
          names.add(name);
        }
        parameters.setProtocols(names.toArray(String[]::new));
      }
      List<String> ciphers = ssl.strings("cipher_suites");
      if (!ciphers.isEmpty()) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        for (String c : ciphers) {
          if (!supported.contains(c.trim())) {
            throw ssl.error("cipher_suites", "has '" + c + "', not a cipher suite of this JDK"
                + " (use IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
          }
        }
        parameters.setCipherSuites(ciphers.stream().map(String::trim).toArray(String[]::new));
      }
      return new TlsOptions(context, parameters);
    } catch (GeneralSecurityException e) {
      throw ssl.error("cannot set up TLS: " + e.getMessage());
    }
  }

  private static TrustManager trustManager(Settings ssl, String mode)
      throws GeneralSecurityException {
    if (mode.equals("none")) {
      return TrustAll.INSTANCE;
    }
    KeyStore cas = null;
    List<String> authorities = ssl.strings("certificate_authorities");
    if (!authorities.isEmpty()) {
      cas = KeyStore.getInstance("PKCS12");
      try {
        cas.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      int n = 0;
      for (String ca : authorities) {
        for (Certificate cert : certificates(ssl, "certificate_authorities", ca)) {
          cas.setCertificateEntry("ca-" + n++, cert);
        }
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(cas);
    X509TrustManager delegate = (X509TrustManager) Arrays.stream(factory.getTrustManagers())
        .filter(X509TrustManager.class::isInstance).findFirst()
        .orElseThrow(() -> new GeneralSecurityException("no X509 trust manager"));
    if (mode.equals("certificate")) {
      return new ChainOnly(delegate);
    }
    return delegate;
  }

  private static KeyManager[] keyManagers(Settings ssl) throws GeneralSecurityException {
    String certificate = ssl.string("certificate", "").trim();
    String key = ssl.string("key", "").trim();
    if (certificate.isEmpty() && key.isEmpty()) {
      return null;
    }
    if (certificate.isEmpty() || key.isEmpty()) {
      throw ssl.error(certificate.isEmpty() ? "certificate" : "key",
          "is required when " + (certificate.isEmpty() ? "key" : "certificate") + " is set");
    }
    Collection<? extends Certificate> chain = certificates(ssl, "certificate", certificate);
    PrivateKey privateKey = privateKey(ssl, key, ssl.string("key_passphrase", ""));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    char[] password = "metricbeat".toCharArray();
    store.setKeyEntry("client", privateKey, password, chain.toArray(Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  /** PEM text: inline when it contains a BEGIN line, else read from the file it names. */
  private static String pem(Settings ssl, String key, String value) {
    if (value.contains("-----BEGIN")) {
      return value;
    }
    try {
      return Files.readString(Path.of(value), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw ssl.error(key, "cannot read '" + value + "': " + e);
    }
  }

  private static Collection<? extends Certificate> certificates(Settings ssl, String key, String value) {
    String text = pem(ssl, key, value);
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
      if (certs.isEmpty()) {
        throw ssl.error(key, "'" + value + "' holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException e) {
      throw ssl.error(key, "'" + value + "' is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Settings ssl, String value, String passphrase) {
    String text = pem(ssl, "key", value);
    try {
      byte[] pkcs8;
      if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(pemBody(text, "ENCRYPTED PRIVATE KEY"));
        if (passphrase.isEmpty()) {
          throw ssl.error("key_passphrase", "is required: the key is encrypted");
        }
        SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
        pkcs8 = info.getKeySpec(factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())))
            .getEncoded();
      } else if (text.contains("-----BEGIN PRIVATE KEY-----")) {
        pkcs8 = pemBody(text, "PRIVATE KEY");
      } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
        pkcs8 = Pkcs1.toPkcs8(pemBody(text, "RSA PRIVATE KEY"));
      } else {
        throw ssl.error("key", "must be a PEM private key (PKCS#8, encrypted PKCS#8 or PKCS#1 RSA)");
      }
      for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw ssl.error("key", "is not an RSA, EC, Ed25519 or DSA private key");
    } catch (ConfigException e) {
      throw e;
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw ssl.error("key", "cannot be read: " + e.getMessage());
    }
  }

  private static byte[] pemBody(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin) + begin.length();
    int to = text.indexOf(end, from);
    if (to < 0) {
      throw new IllegalArgumentException("no " + end + " line");
    }
    return Base64.getMimeDecoder().decode(text.substring(from, to));
  }

  /** Wraps a PKCS#1 RSA key into PKCS#8 (the JDK reads only the latter). */
  private static final class Pkcs1 {
    private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
      0x01, 0x05, 0x00
    };

    static byte[] toPkcs8(byte[] pkcs1) {
      byte[] version = {0x02, 0x01, 0x00};
      byte[] octets = der(0x04, pkcs1);
      byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
      System.arraycopy(version, 0, body, 0, version.length);
      System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
      System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
      return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
      int len = content.length;
      byte[] header;
      if (len < 0x80) {
        header = new byte[] {(byte) tag, (byte) len};
      } else if (len < 0x100) {
        header = new byte[] {(byte) tag, (byte) 0x81, (byte) len};
      } else if (len < 0x10000) {
        header = new byte[] {(byte) tag, (byte) 0x82, (byte) (len >> 8), (byte) len};
      } else {
        header = new byte[] {(byte) tag, (byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
      }
      byte[] out = Arrays.copyOf(header, header.length + len);
      System.arraycopy(content, 0, out, header.length, len);
      return out;
    }
  }

  /** Checks the chain against the trust store but not the host name ({@code certificate}). */
  private static final class ChainOnly extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;

    ChainOnly(X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
