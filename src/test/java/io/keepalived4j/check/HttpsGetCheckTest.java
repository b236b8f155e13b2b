package io.keepalived4j.check;

import io.keepalived4j.check.HttpChecks.Url;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpVersion;
import io.keepalived4j.config.model.lvs.SslContext;
import io.keepalived4j.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.keepalived4j.check.HttpChecks.check;
import static io.keepalived4j.check.HttpChecks.server;
import static io.keepalived4j.check.HttpChecks.url;
import static io.keepalived4j.check.HttpGetCheckTest.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSL_GET against a TLS server on loopback, as keepalived 2.2.7's OpenSSL client behaves. */
class HttpsGetCheckTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static CheckResult attempt(HttpCheck check, int port, Optional<SslContext> ssl) throws InterruptedException {
        return new HttpGetCheck(check, server(port), ssl).attempt();
    }

    private static Optional<SslContext> ssl(String cert, String key, String password) throws Exception {
        return Optional.of(new SslContext(Optional.ofNullable(password), Optional.empty(), Optional.of(resource(cert)),
                Optional.of(resource(key)), Position.NONE));
    }

    private static String resource(String name) throws Exception {
        return Path.of(HttpsGetCheckTest.class.getResource("/io/keepalived4j/check/" + name).toURI()).toString();
    }

    @Test
    void passesAgainstASelfSignedCertificateAsKeepalivedDoes() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            CheckResult r = attempt(check(true, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").digest(md5(TestHttpServer.SMALL)).build()), web.port(), Optional.empty());
            assertThat(r).isEqualTo(CheckResult.upWithLine("MD5 digest success to " + server(web.port()) + " url(/)"));
            assertThat(web.serverNames()).containsExactly("");
        }
    }

    @Test
    void enableSniSendsTheVirtualhost() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            CheckResult r = attempt(check(true, web.port(), ONE_SECOND, ONE_SECOND, HttpVersion.HTTP_1_1,
                    Optional.of("www.example.com"), true, url("/"), new Url("/").virtualhost("url.example").build()),
                    web.port(), Optional.empty());
            assertThat(r).isInstanceOf(CheckResult.Up.class);
            assertThat(web.serverNames()).containsExactly("www.example.com", "url.example");
        }
    }

    @Test
    void handshakeThatNeverCompletesTimesOutConnecting() throws Exception {
        try (TestHttpServer silent = TestHttpServer.silent()) {
            long start = System.nanoTime();
            CheckResult r = attempt(check(true, silent.port(), Duration.ofMillis(500), Duration.ofSeconds(5), url("/")),
                    silent.port(), Optional.empty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r).isEqualTo(CheckResult.down("Timeout connecting server " + server(silent.port()) + "."));
            assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        }
    }

    @Test
    void silenceAfterTheHandshakeIsAnSslReadTimeoutOverTls13() throws Exception {
        // keepalived is woken by the TLS 1.3 session tickets, so its SSL read times out, not the WEB read.
        try (TestHttpServer web = TestHttpServer.tls()) {
            long start = System.nanoTime();
            CheckResult r = attempt(check(true, web.port(), Duration.ofMillis(500), Duration.ofSeconds(5), url("/silent")),
                    web.port(), Optional.empty());
            assertThat(r).isEqualTo(CheckResult.down("Timeout SSL read server " + server(web.port()) + "."));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void endlessBodyOverTlsEndsWithinConnectTimeoutOfTheFirstData() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            long start = System.nanoTime();
            CheckResult r = attempt(check(true, web.port(), Duration.ofMillis(500), Duration.ofSeconds(5), url("/endless-body")),
                    web.port(), Optional.empty());
            assertThat(r).isEqualTo(CheckResult.down("Timeout SSL read server " + server(web.port()) + "."));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void closeNotifyBeforeTheHeaderIsAnSslReadError() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            CheckResult r = attempt(check(true, web.port(), ONE_SECOND, ONE_SECOND, url("/close")), web.port(), Optional.empty());
            assertThat(r).isEqualTo(CheckResult.down("SSL read error from server " + server(web.port()) + "."));
        }
    }

    @Test
    void tlsToAPlainServerIsAHandshakeError() throws Exception {
        // A plain HTTP server answers the ClientHello with a 400 and closes.
        try (ServerSocket plain = new ServerSocket(0, 5, HttpChecks.LOOPBACK)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
                } catch (IOException e) {
                    // the test failed already
                }
            });
            CheckResult r = attempt(check(true, plain.getLocalPort(), ONE_SECOND, ONE_SECOND, url("/")), plain.getLocalPort(),
                    Optional.empty());
            assertThat(r).isEqualTo(CheckResult.down("SSL handshake/communication error connecting to server "
                    + server(plain.getLocalPort()) + "."));
        }
    }

    @Test
    void clientCertificateFromTheSslBlockIsPresented() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls("/io/keepalived4j/check/clients.p12")) {
            HttpCheck model = check(true, web.port(), ONE_SECOND, ONE_SECOND, url("/"));
            assertThat(attempt(model, web.port(), ssl("client.pem", "client-key.pem", null))).isInstanceOf(CheckResult.Up.class);
            assertThat(attempt(model, web.port(), ssl("client.pem", "client-key-pkcs1.pem", null))).isInstanceOf(CheckResult.Up.class);
            assertThat(attempt(model, web.port(), ssl("client.pem", "client-key-encrypted.pem", "secret")))
                    .isInstanceOf(CheckResult.Up.class);
            assertThat(attempt(model, web.port(), ssl("ec.pem", "ec-key.pem", null))).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void withoutAClientCertificateAServerThatWantsOneFailsTheHandshake() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls("/io/keepalived4j/check/clients.p12")) {
            CheckResult r = attempt(check(true, web.port(), ONE_SECOND, ONE_SECOND, url("/")), web.port(), Optional.empty());
            assertThat(r).isInstanceOf(CheckResult.Down.class);
            assertThat(((CheckResult.Down) r).line()).isIn(
                    "SSL handshake/communication error connecting to server " + server(web.port()) + ".",
                    // TLS 1.3 ends the client's handshake before the server checks the certificate;
                    // the server's alert and close then meet the request or the read (as with OpenSSL)
                    "Cannot send get request to server " + server(web.port()) + ".",
                    "Read, no data received from  server " + server(web.port()) + ".");
        }
    }

    @Test
    void unreadableKeyOrWrongPasswordIsRefusedAtConstruction() throws Exception {
        HttpCheck model = check(true, 443, ONE_SECOND, ONE_SECOND, url("/"));
        assertThatThrownBy(() -> new HttpGetCheck(model, server(443), ssl("client.pem", "client-key-encrypted.pem", "wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("SSL error : Cant load key file...");
        assertThatThrownBy(() -> new HttpGetCheck(model, server(443), ssl("client-key.pem", "client-key.pem", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("SSL error : Cant load certificate file...");
    }
}
