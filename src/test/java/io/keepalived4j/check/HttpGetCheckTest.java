package io.keepalived4j.check;

import io.keepalived4j.check.HttpChecks.Url;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpVersion;
import io.keepalived4j.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.keepalived4j.check.HttpChecks.check;
import static io.keepalived4j.check.HttpChecks.server;
import static io.keepalived4j.check.HttpChecks.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP_GET against a real server on loopback: each outcome worded as keepalived 2.2.7 words it, and
 * every attempt bounded whatever the server does.
 */
class HttpGetCheckTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** One attempt and how long it took. */
    record Timed(CheckResult result, Duration took) {
    }

    static Timed attempt(HttpCheck check, int port) throws InterruptedException {
        HttpGetCheck web = new HttpGetCheck(check, server(port), Optional.empty());
        long start = System.nanoTime();
        CheckResult r = web.attempt();
        return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
    }

    static CheckResult.Down down(Timed t) {
        assertThat(t.result()).isInstanceOf(CheckResult.Down.class);
        return (CheckResult.Down) t.result();
    }

    @Test
    void passesWithTheStatusCodeLineWhenNoDigestOrRegex() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/")), web.port());
            assertThat(t.result()).isEqualTo(CheckResult.upWithLine("HTTP status code success to " + server(web.port()) + " url(/)"));
        }
    }

    @Test
    void passesWithTheDigestLineWhenTheBodyHasTheDigest() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").digest(md5(TestHttpServer.SMALL)).build()), web.port());
            assertThat(t.result()).isEqualTo(CheckResult.upWithLine("MD5 digest success to " + server(web.port()) + " url(/)"));
        }
    }

    @Test
    void digestOfABigPageStreams() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/big").digest(md5(TestHttpServer.BIG)).build()), web.port());
            assertThat(t.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void wrongStatusIsAStatusCodeError() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/missing")), web.port());
            assertThat(down(t).line()).isEqualTo("HTTP status code error to server " + server(web.port()) + ".");
        }
    }

    @Test
    void listedStatusCodesAreAccepted() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, new Url("/missing").status(404, 404).build()),
                    web.port());
            assertThat(t.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void wrongDigestIsADigestError() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").digest("00000000000000000000000000000000").build()), web.port());
            assertThat(down(t).line()).isEqualTo("MD5 digest error to server " + server(web.port()) + ".");
        }
    }

    @Test
    void digestIsOfTheRawChunkedBody() throws Exception {
        byte[] raw = ("1a\r\n<html><body>chunk one</bo\r\n" + "e\r\ndy></html>\r\n\r\n" + "0\r\n\r\n").getBytes();
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, new Url("/chunked").digest(md5(raw)).build()),
                    web.port());
            assertThat(t.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void regexThatMatchesPassesWithTheRegexLine() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, new Url("/").regex("It w.rks").build()),
                    web.port());
            assertThat(t.result()).isEqualTo(CheckResult.upWithLine("Regex match success to " + server(web.port()) + " url(/)"));
        }
    }

    @Test
    void regexMissIsARegexFailure() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, new Url("/").regex("It fails").build()),
                    web.port());
            assertThat(down(t).line()).isEqualTo("Regex match failed server " + server(web.port()) + ".");
        }
    }

    @Test
    void regexNoMatchFailsOnAMatchAndPassesWithout() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed hit = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").regex("(?i)it WORKS").noMatch().build()), web.port());
            assertThat(down(hit).line()).isEqualTo("Regex match failed server " + server(web.port()) + ".");
            Timed miss = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").regex("error").noMatch().build()), web.port());
            assertThat(miss.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void regexOffsetsBoundWhereTheMatchStarts() throws Exception {
        // SMALL is "<html><body><h1>It works!</h1>...": "It" starts at body offset 16.
        try (TestHttpServer web = TestHttpServer.plain()) {
            assertThat(attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").regex("It").offsets(16, 16).build()), web.port()).result()).isInstanceOf(CheckResult.Up.class);
            assertThat(down(attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").regex("It").offsets(0, 15).build()), web.port())).line()).startsWith("Regex match failed");
            assertThat(down(attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/").regex("It").offsets(17, 100).build()), web.port())).line()).startsWith("Regex match failed");
        }
    }

    @Test
    void regexFindsAMatchDeepInABigBody() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            String tail = new String(TestHttpServer.BIG, TestHttpServer.BIG.length - 40, 30, java.nio.charset.StandardCharsets.US_ASCII);
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/big").regex(java.util.regex.Pattern.quote(tail)).build()), web.port());
            assertThat(t.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void refusedConnectionFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, HttpChecks.LOOPBACK)) {
            port = s.getLocalPort();
        }
        Timed t = attempt(check(false, port, ONE_SECOND, ONE_SECOND, url("/")), port);
        assertThat(down(t).line()).isEqualTo("Connection failed server " + server(port) + ".");
    }

    @Test
    void serverThatNeverAnswersTimesOutAfterConnectTimeout() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), Duration.ofMillis(500), Duration.ofSeconds(5), url("/silent")), web.port());
            assertThat(down(t).line()).isEqualTo("Timeout WEB read server " + server(web.port()) + ".");
            assertThat(t.took()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        }
    }

    @Test
    void headersThatNeverEndAreNoDataAfter4095Bytes() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, Duration.ofSeconds(5), url("/endless-headers")), web.port());
            assertThat(down(t).line()).isEqualTo("Read, no data received from  server " + server(web.port()) + ".");
            assertThat(t.took()).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void closeWithoutAnAnswerIsNoData() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/close")), web.port());
            assertThat(down(t).line()).isEqualTo("Read, no data received from  server " + server(web.port()) + ".");
        }
    }

    @Test
    void endlessBodyEndsAtTheAttemptDeadline() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), Duration.ofMillis(500), Duration.ofMillis(1500),
                    new Url("/endless-body").digest(md5(new byte[0])).regex("never").build()), web.port());
            assertThat(down(t).line()).isEqualTo("Timeout HTTP read server " + server(web.port()) + ".");
            assertThat(t.took()).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(4));
        }
    }

    @Test
    void tricklingBodyEndsAtTheAttemptDeadline() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), Duration.ofMillis(500), Duration.ofMillis(1500), url("/trickle")),
                    web.port());
            assertThat(down(t).line()).isEqualTo("Timeout HTTP read server " + server(web.port()) + ".");
            assertThat(t.took()).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(4));
        }
    }

    @Test
    void catastrophicRegexEndsAtTheAttemptDeadline() throws Exception {
        // A back reference defeats java.util.regex's loop memo: exponential in the body's length.
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), Duration.ofMillis(500), ONE_SECOND,
                    new Url("/").regex("(.|.)*\\1!").build()), web.port());
            assertThat(down(t).line()).isEqualTo("Timeout HTTP read server " + server(web.port()) + ".");
            assertThat(t.took()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
    }

    @Test
    void everyUrlMustPassAndTheFirstFailureIsReported() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            HttpGetCheck check = new HttpGetCheck(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    url("/"), new Url("/empty").digest(md5(new byte[0])).build(), url("/missing"), url("/silent")),
                    server(web.port()), Optional.empty());
            assertThat(((CheckResult.Down) check.attempt()).line()).startsWith("HTTP status code error to");
            assertThat(web.requests()).extracting(r -> r.split(" ")[1]).containsExactly("/", "/empty", "/missing");
        }
    }

    @Test
    void afterAFailureTheUpLineNamesTheUrlThatHadFailed() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            HttpGetCheck check = new HttpGetCheck(check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/"), url("/flaky")),
                    server(web.port()), Optional.empty());
            assertThat(check.attempt()).isEqualTo(CheckResult.down("HTTP status code error to server " + server(web.port()) + "."));
            assertThat(check.attempt()).isEqualTo(CheckResult.upWithLine("HTTP status code success to " + server(web.port())
                    + " url(/flaky)"));
            assertThat(check.attempt()).isEqualTo(CheckResult.upWithLine("HTTP status code success to " + server(web.port())
                    + " url(/)"));
        }
    }

    @Test
    void requestIsKeepalivedsGetByteForByte() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/")), web.port());
            attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, HttpVersion.HTTP_1_1, Optional.of("www.example.com"), false,
                    url("/")), web.port());
            attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND, HttpVersion.HTTP_1_0_CLOSE, Optional.of("checker.example"),
                    false, new Url("/u").virtualhost("url.example").build()), web.port());
            assertThat(web.requests()).containsExactly(
                    "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + web.port() + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.com\r\n\r\n",
                    "GET /u HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: url.example\r\n\r\n");
        }
    }

    @Test
    void overIpv6TheHostHeaderIsBracketed() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (TestHttpServer web = TestHttpServer.plain(v6)) {
            HttpCheck model = check(false, web.port(), ONE_SECOND, ONE_SECOND, url("/"));
            model = new HttpCheck(false, new ConnectionOptions(v6, web.port(), Optional.empty(), 0, Optional.empty(), 0,
                    ONE_SECOND), model.timing(), model.urls(), model.version(), model.virtualhost(), false, false,
                    model.position());
            String name = "[::1]:tcp:" + web.port();
            assertThat(new HttpGetCheck(model, name, Optional.empty()).attempt())
                    .isEqualTo(CheckResult.upWithLine("HTTP status code success to " + name + " url(/)"));
            assertThat(web.requests()).containsExactly(
                    "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:" + web.port() + "\r\n\r\n");
        }
    }

    @Test
    void interruptingAnAttemptEndsItWithInterruptedException() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            HttpGetCheck check = new HttpGetCheck(check(false, web.port(), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    url("/silent")), server(web.port()), Optional.empty());
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    check.attempt();
                    thrown.complete(null);
                } catch (Throwable e) {
                    thrown.complete(e);
                }
            });
            while (web.requests().isEmpty()) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            t.interrupt();
            assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void contentLengthLongerThanTheBodyStillPasses() throws Exception {
        // keepalived logs the mismatch and digests what arrived.
        try (TestHttpServer web = TestHttpServer.plain()) {
            Timed t = attempt(check(false, web.port(), ONE_SECOND, ONE_SECOND,
                    new Url("/short").digest(md5(TestHttpServer.SMALL)).build()), web.port());
            assertThat(t.result()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void linesAndAlertsAreKeepalivedsWording() {
        HttpGetCheck web = new HttpGetCheck(check(false, 80, ONE_SECOND, ONE_SECOND, url("/")), "[10.0.0.2]:tcp:80",
                Optional.empty());
        CheckResult.Down last = CheckResult.down("x");
        assertThat(web.upLine()).contains("Remote Web server [10.0.0.2]:tcp:80 succeed on service.");
        assertThat(web.downLine(2, last)).contains("HTTP_CHECK on service [10.0.0.2]:tcp:80 failed after 2 retries.");
        assertThat(web.downLine(0, last)).contains("HTTP_CHECK on service [10.0.0.2]:tcp:80 failed.");
        assertThat(web.upAlert()).isEqualTo("=> CHECK succeed on service <=");
        assertThat(web.downAlert(last)).isEqualTo("=> CHECK failed on service : HTTP request failed <=");
        assertThat(web.logsFinalFailure()).isFalse();
        assertThat(web.retriesWhileDown()).as("check_http.c: no retries once down").isFalse();
    }
}
