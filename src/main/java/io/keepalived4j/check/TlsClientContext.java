package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.SslContext;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * SSL_GET's TLS client context, as keepalived 2.2.7 builds it (check_ssl.c {@code build_ssl_ctx}):
 * the SSL block's certificate chain and key are presented when a server asks for a client
 * certificate, and the server's certificate is never verified. keepalived loads the SSL block's CA
 * file but never sets {@code SSL_VERIFY_PEER}, so its checks pass against any certificate; this
 * class does the same, and reads the CA file only to fail as keepalived does when it cannot be read.
 *
 * <pre>{@code
 * SSLContext ctx = TlsClientContext.create(model.lvs().ssl());   // Optional<SslContext>
 * }</pre>
 */
public final class TlsClientContext {

    private TlsClientContext() {
    }

    /**
     * @param ssl the top-level SSL block, if any; without one, keepalived's default context (no
     *            client certificate)
     * @throws IllegalArgumentException in keepalived's words when a file cannot be loaded
     */
    public static SSLContext create(Optional<SslContext> ssl) {
        KeyManager[] keys = null;
        if (ssl.isPresent()) {
            SslContext c = ssl.get();
            if (c.certificateFile().isPresent() != c.keyFile().isPresent()) {
                throw new IllegalArgumentException("SSL error : the SSL block needs both certificate and key to present "
                        + "a client certificate");
            }
            if (c.certificateFile().isPresent()) {
                keys = keyManagers(c);
            }
            if (c.caFile().isPresent()) {
                try {
                    PemFiles.certificates(Path.of(c.caFile().get()));
                } catch (IOException e) {
                    throw new IllegalArgumentException("SSL error : Cant load CA file... (" + e.getMessage() + ")", e);
                }
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[]{new TrustEveryServer()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    private static KeyManager[] keyManagers(SslContext c) {
        List<X509Certificate> chain;
        try {
            chain = PemFiles.certificates(Path.of(c.certificateFile().orElseThrow()));
        } catch (IOException e) {
            throw new IllegalArgumentException("SSL error : Cant load certificate file... (" + e.getMessage() + ")", e);
        }
        PrivateKey key;
        try {
            key = PemFiles.privateKey(Path.of(c.keyFile().orElseThrow()), c.password());
        } catch (IOException e) {
            throw new IllegalArgumentException("SSL error : Cant load key file... (" + e.getMessage() + ")", e);
        }
        try {
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, none, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, none);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("SSL error : the key does not go with the certificate (" + e.getMessage()
                    + ")", e);
        }
    }

    /** keepalived never sets SSL_VERIFY_PEER: any server certificate is accepted. */
    private static final class TrustEveryServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a checker is never a TLS server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
