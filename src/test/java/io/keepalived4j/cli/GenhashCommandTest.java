package io.keepalived4j.cli;

import io.keepalived4j.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived4j genhash in-process: what it prints and its exit status. */
class GenhashCommandTest {

    @Test
    void printsTheBodysMd5AndExitsZero() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            CliRun run = CliRun.of("genhash", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/");
            assertThat(run.status()).isZero();
            assertThat(run.out()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(TestHttpServer.SMALL)) + "\n");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void aFailedFetchIsPrintedAndStillExitsZero() throws Exception {
        try (TestHttpServer web = TestHttpServer.plain()) {
            CliRun run = CliRun.of("genhash", "-t", "1", "-s", "127.0.0.1", "-p", String.valueOf(web.port()), "-u", "/silent");
            assertThat(run.status()).isZero();
            assertThat(run.out()).isEqualTo("Timeout WEB read\n");
        }
    }

    @Test
    void badUsagePrintsTheMessageAndUsageAndExitsOne() {
        CliRun run = CliRun.of("genhash", "-s", "127.0.0.1", "-p", "1", "-u", "/", "-m", "7");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("keepalived4j cannot set a fwmark: the JDK has no SO_MARK socket option\n"
                + "Usage: keepalived4j genhash COMMAND [OPTIONS]\n").isEqualTo(
                "keepalived4j cannot set a fwmark: the JDK has no SO_MARK socket option\n" + GenhashCommand.USAGE);
    }

    @Test
    void helpIsTheUsageWithExitOneAsInKeepalived() {
        CliRun run = CliRun.of("genhash", "-h");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(GenhashCommand.USAGE).contains("--fwmark          -m")
                .contains("Not supported by keepalived4j (the JDK cannot set SO_MARK)");
    }

    @Test
    void mainHelpListsTheSubcommand() {
        assertThat(CliRun.of("--help").all()).contains("genhash").contains("MD5 of a web page");
    }
}
