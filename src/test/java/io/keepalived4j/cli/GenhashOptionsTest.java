package io.keepalived4j.cli;

import io.keepalived4j.config.model.lvs.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * genhash's getopt_long command line; the messages are those keepalived 2.2.7's genhash prints
 * for the same arguments (captured from Debian's /usr/bin/genhash).
 */
class GenhashOptionsTest {

    private static GenhashOptions run(String... args) {
        GenhashOptions.Parsed p = GenhashOptions.parse(List.of(args));
        assertThat(p).isInstanceOf(GenhashOptions.Run.class);
        return ((GenhashOptions.Run) p).options();
    }

    private static List<String> usage(String... args) {
        GenhashOptions.Parsed p = GenhashOptions.parse(List.of(args));
        assertThat(p).isInstanceOf(GenhashOptions.Usage.class);
        return ((GenhashOptions.Usage) p).messages();
    }

    @Test
    void shortLongClusteredAndAttachedFormsAllWork() {
        GenhashOptions a = run("-s", "10.0.0.2", "-p", "80", "-u", "/");
        GenhashOptions b = run("--server=10.0.0.2", "--port", "80", "--url=/");
        GenhashOptions c = run("-s10.0.0.2", "-p80", "-u/");
        GenhashOptions d = run("--ser", "10.0.0.2", "--po=80", "--ur", "/");
        assertThat(List.of(b, c, d)).allSatisfy(o -> assertThat(o).isEqualTo(a));
        assertThat(a.version()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(a.timeoutMicros()).isEqualTo(0xffff_ffffL);
        GenhashOptions e = run("-vSIs", "::1", "-p", "443", "-u", "/a", "-u", "/b", "-V", "www", "-P", "1.0C", "-t", "5");
        assertThat(e.verbose()).isTrue();
        assertThat(e.tls()).isTrue();
        assertThat(e.sni()).isTrue();
        assertThat(e.path()).as("the last -u").isEqualTo("/b");
        assertThat(e.virtualhost()).isEqualTo(Optional.of("www"));
        assertThat(e.version()).isEqualTo(HttpVersion.HTTP_1_0_CLOSE);
        assertThat(e.timeoutMicros()).isEqualTo(5_000_000L);
    }

    @Test
    void timeoutIsKeptInMicrosecondsIn32Bits() {
        assertThat(run("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", "4295").timeoutMicros()).isEqualTo(32704);
        assertThat(run("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", " +3").timeoutMicros()).isEqualTo(3_000_000L);
        assertThat(run("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", "0").timeoutMicros()).isZero();
    }

    @Test
    void serverIsAnAddressAsInetPtonReadsItAfterRangeOrMask() {
        assertThat(run("-s", "127.0.0.1-9", "-p", "1", "-u", "/").server().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(run("-s", "127.0.0.1/8", "-p", "1", "-u", "/").server().getHostAddress()).isEqualTo("127.0.0.1");
        for (String bad : List.of("foo", "127.1", "01.2.3.4", "[::1]", "fe80::1%lo", " 127.0.0.1", "127.0.0.1:80", "256.0.0.1")) {
            assertThat(usage("-s", bad, "-p", "1", "-u", "/")).containsExactly("server should be an IP, not " + bad);
        }
    }

    @Test
    void badValuesStopWithKeepalivedsMessage() {
        assertThat(usage("-s", "1.2.3.4", "-p", "0", "-u", "/")).containsExactly("invalid port number '0'");
        assertThat(usage("-s", "1.2.3.4", "-p", "65536", "-u", "/")).containsExactly("invalid port number '65536'");
        assertThat(usage("-s", "1.2.3.4", "-p", "1 ", "-u", "/")).containsExactly("invalid port number '1 '");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-P", "2")).containsExactly("invalid HTTP protocol version '2'");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", "-1")).containsExactly("invalid timeout '-1'");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", "")).containsExactly("invalid timeout ''");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t", "1x")).containsExactly("invalid timeout '1x'");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-m", "x")).containsExactly("invalid fwmark 'x'");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-m", "-3")).containsExactly("invalid fwmark '-3'");
    }

    @Test
    void unknownOptionsAndMissingParametersAreAllReported() {
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-vx", "-y", "--bogus", "--verbose=1", "--use-"))
                .containsExactly("Unknown option -x", "Unknown option -y", "Unknown option --bogus",
                        "Unknown option --verbose=1", "Unknown option --use-");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-t")).containsExactly("Missing parameter for option -t");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "--timeout"))
                .containsExactly("Missing parameter for option --timeout");
    }

    @Test
    void operandsAnywhereAreUnexpected() {
        assertThat(usage("extra", "-s", "1.2.3.4", "-p", "1", "-u", "/", "args"))
                .containsExactly("Unexpected argument(s): extra args");
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "--", "-v")).containsExactly("Unexpected argument(s): -v");
    }

    @Test
    void helpMissingMandatoryOptionsAndTooFewArgumentsShowTheUsageAlone() {
        assertThat(usage("-h", "-s", "1.2.3.4")).isEmpty();
        assertThat(usage("-s", "1.2.3.4", "-p", "1")).isEmpty();
        assertThat(usage("-v")).isEmpty();
        assertThat(usage()).isEmpty();
    }

    @Test
    void fwmarkZeroIsNoMarkAndAnyOtherIsRefused() {
        assertThat(run("-s", "1.2.3.4", "-p", "1", "-u", "/", "-m", "0").fwmark()).isZero();
        assertThat(run("-s", "1.2.3.4", "-p", "1", "-u", "/", "-m", "").fwmark()).isZero();
        assertThat(usage("-s", "1.2.3.4", "-p", "1", "-u", "/", "-m", "5"))
                .containsExactly("keepalived4j cannot set a fwmark: the JDK has no SO_MARK socket option");
    }
}
