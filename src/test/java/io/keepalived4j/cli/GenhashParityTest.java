package io.keepalived4j.cli;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.TestHttpServer;
import io.keepalived4j.testsupport.lab.LabTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived4j genhash against keepalived 2.2.7's genhash ({@code /usr/bin/genhash}, Debian's
 * keepalived package) on the same pages: identical stdout and exit status. Skipped without the
 * binary, a failure on CI (which installs it).
 */
class GenhashParityTest {

    private static final String GENHASH = "/usr/bin/genhash";

    @BeforeAll
    static void genhashInstalled() {
        LabTools.assumeInstalledOrFailOnCi(List.of(GENHASH));
    }

    /** Both programs' stdout, stderr and status for the same arguments. */
    private record Both(ExecResult keepalived, CliRun ours) {
        void assertSameStdout() {
            assertThat(ours.out()).isEqualTo(keepalived.stdout());
            assertThat(ours.status()).isEqualTo(keepalived.exitCode());
        }
    }

    private static Both run(String... args) {
        List<String> argv = new ArrayList<>(List.of(GENHASH));
        argv.addAll(List.of(args));
        ExecResult theirs = Exec.run(argv, Duration.ofSeconds(30));
        assertThat(theirs.timedOut()).isFalse();
        List<String> ours = new ArrayList<>(List.of("genhash"));
        ours.addAll(List.of(args));
        return new Both(theirs, CliRun.of(ours.toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/big", "/chunked", "/empty", "/missing", "/short"})
    void plainPagesHashTheSame(String path) throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Both b = run("-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", path);
            assertThat(b.ours().out()).matches("[0-9a-f]{32}\n");
            b.assertSameStdout();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/big", "/chunked", "/empty"})
    void tlsPagesHashTheSame(String path) throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            Both b = run("-S", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", path);
            assertThat(b.ours().out()).matches("[0-9a-f]{32}\n");
            b.assertSameStdout();
        }
    }

    @Test
    void verboseOutputOfTheSmallPageIsTheSameButForTheResponseTime() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Both b = run("-v", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/");
            String mask = "= N usecs";
            assertThat(b.ours().out()).contains("HTML hash final resulting").contains("Global response time for [/] = ");
            assertThat(b.ours().out().replaceAll("= \\d+ usecs", mask))
                    .isEqualTo(b.keepalived().stdout().replaceAll("= \\d+ usecs", mask));
        }
    }

    @Test
    void verboseOutputOverTlsIsTheSameButForTheResponseTime() throws Exception {
        try (TestHttpServer web = TestHttpServer.tls()) {
            Both b = run("-S", "-v", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/empty");
            String mask = "= N usecs";
            assertThat(b.ours().out().replaceAll("= \\d+ usecs", mask))
                    .isEqualTo(b.keepalived().stdout().replaceAll("= \\d+ usecs", mask));
        }
    }

    @Test
    void requestsAreTheSameForEachProtocolAndVirtualhost() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            String port = String.valueOf(web.port());
            for (List<String> extra : List.of(List.<String>of(), List.of("-P", "1.0c"), List.of("-P", "1.1", "-V", "www.example.com"))) {
                List<String> args = new ArrayList<>(List.of("-s", "127.0.0.1", "-p", port, "-u", "/"));
                args.addAll(extra);
                run(args.toArray(String[]::new)).assertSameStdout();
            }
            List<String> requests = web.requests();
            assertThat(requests).hasSize(6);
            for (int i = 0; i < 6; i += 2) {
                assertThat(requests.get(i + 1)).isEqualTo(requests.get(i));
            }
        }
    }

    @Test
    void refusedConnectionPrintsConnectionFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Both b = run("-s", "127.0.0.1", "-p", String.valueOf(port), "-u", "/");
        assertThat(b.ours().out()).isEqualTo("Connection failed\n");
        b.assertSameStdout();
    }

    @Test
    void silentServerPrintsTimeoutWebRead() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Both b = run("-t", "1", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/silent");
            assertThat(b.ours().out()).isEqualTo("Timeout WEB read\n");
            b.assertSameStdout();
        }
    }

    @Test
    void headerThatNeverEndsIsNoDataOnStderr() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            Both b = run("-t", "2", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/endless-headers");
            b.assertSameStdout();
            assertThat(b.ours().err()).isEqualTo(b.keepalived().stderr()).isEqualTo("no data received from remote webserver\n");
        }
    }

    @Test
    void closeWithoutAnswerIsNoDataOverHttpAndAnSslReadErrorOverTls() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain(); TestHttpServer tls = TestHttpServer.tls()) {
            Both plain = run("-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/close");
            plain.assertSameStdout();
            assertThat(plain.ours().err()).isEqualTo(plain.keepalived().stderr()).isEqualTo("no data received from remote webserver\n");
            Both secure = run("-S", "-s", "127.0.0.1", "-p", String.valueOf(tls.port()), "-u", "/close");
            assertThat(secure.ours().out()).isEqualTo("SSL read error from\n");
            secure.assertSameStdout();
        }
    }

    @Test
    void tlsHandshakeThatNeverCompletesTimesOutConnecting() throws Exception {
        try (TestHttpServer silent = TestHttpServer.silent()) {
            Both b = run("-S", "-t", "1", "-s", "127.0.0.1", "-p", String.valueOf(silent.port()), "-u", "/");
            assertThat(b.ours().out()).isEqualTo("Timeout connecting\n");
            b.assertSameStdout();
        }
    }

    @Test
    void badUsageFailsAlikeWithTheSameMessage() {
        for (List<String> args : List.of(List.of("-s", "foo", "-p", "1", "-u", "/"), List.of("-s", "127.0.0.1", "-p", "0", "-u", "/"),
                List.of("-s", "127.0.0.1", "-p", "1", "-u", "/", "-x"), List.of("-s", "127.0.0.1", "-p", "1"),
                List.of("-s", "127.0.0.1", "-p", "1", "-u", "/", "extra"), List.of("-h"))) {
            Both b = run(args.toArray(String[]::new));
            b.assertSameStdout();
            String firstLine = b.keepalived().stderr().lines().findFirst().orElseThrow();
            assertThat(b.ours().err().lines().findFirst().orElseThrow())
                    .isEqualTo(firstLine.replace("Usage: " + GENHASH, "Usage: keepalived4j genhash"));
        }
    }
}
