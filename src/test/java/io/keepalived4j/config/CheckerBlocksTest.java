package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.BfdCheck;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpUrl;
import io.keepalived4j.config.model.lvs.HttpUrl.StatusRange;
import io.keepalived4j.config.model.lvs.HttpVersion;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.config.model.lvs.UdpCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.onlyChecker;
import static io.keepalived4j.config.LvsFixtures.server;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Each checker block's own keywords, defaults and keepalived 2.2.7 messages. */
class CheckerBlocksTest {

    private static List<Checker> checkers(LoadResult r) {
        return r.model().lvs().virtualServers().getFirst().realServers().getFirst().checkers();
    }

    @Test
    void httpGetReadsUrlsWithDefaultStatusCodes() {
        HttpCheck h = (HttpCheck) onlyChecker(server("""
                    HTTP_GET {
                      http_protocol 1.0C
                      enable_sni
                      url {
                        path /a
                        digest FF20AD2481F97B1754EF3E12ECD3A9CC
                      }
                      url {
                        path /b
                        status_code 200-299 400-499 503 505
                        virtualhost b.example
                      }
                    }"""));
        assertThat(h.tls()).isFalse();
        assertThat(h.version()).isEqualTo(HttpVersion.HTTP_1_0_CLOSE);
        assertThat(h.enableSni()).isTrue();
        HttpUrl a = h.urls().get(0);
        assertThat(a.digest()).contains("ff20ad2481f97b1754ef3e12ecd3a9cc");
        assertThat(a.statusCodes()).containsExactly(new StatusRange(200, 299));
        HttpUrl b = h.urls().get(1);
        assertThat(b.statusCodes()).containsExactly(new StatusRange(200, 299), new StatusRange(400, 499),
                new StatusRange(503, 503), new StatusRange(505, 505));
        assertThat(b.accepts(404)).isTrue();
        assertThat(b.accepts(504)).isFalse();
        assertThat(b.virtualhost()).contains("b.example");
    }

    @Test
    void httpGetWithoutUrlIsDroppedAndFlaggedAsAKeepalivedCrash() {
        LoadResult r = load(server("    HTTP_GET {\n      connect_timeout 3\n    }"));
        assertThat(messages(r)).contains("HTTP/SSL_GET checker has no urls specified - ignoring");
        assertThat(withCode(r, "http-no-url").getFirst().suggestion()).contains("SIGSEGV");
        assertThat(checkers(r)).isEmpty();
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void urlWithoutPathIsDropped() {
        LoadResult r = load(server("    SSL_GET {\n      url {\n        digest ff20ad2481f97b1754ef3e12ecd3a9cc\n      }\n"
                + "      url {\n        path /\n      }\n    }"));
        assertThat(messages(r)).contains("HTTP/SSL_GET checker url has no path - ignoring");
        assertThat(((HttpCheck) checkers(r).getFirst()).urls()).hasSize(1);
    }

    @Test
    void badDigestsAndStatusCodesAreReportedAsKeepalivedDoes() {
        LoadResult r = load(server("""
                    HTTP_GET {
                      url {
                        path /
                        digest abc
                        digest ff20ad2481f97b1754ef3e12ecd3a9cc
                        digest ff20ad2481f97b1754ef3e12ecd3a9cc
                        status_code 99 200-100 600 abc 301
                      }
                      url {
                        path /2
                        digest zz20ad2481f97b1754ef3e12ecd3a9cc
                      }
                    }"""));
        assertThat(messages(r)).contains("digest 'abc' character length should be 32 rather than 3",
                "Digest 'ff20ad2481f97b1754ef3e12ecd3a9cc' is a duplicate", "Invalid HTTP_GET status code '99'",
                "Invalid HTTP_GET status code '200-100'", "Invalid HTTP_GET status code '600'",
                "Invalid HTTP_GET status code 'abc'", "Unable to interpret hex digit in 'zz' at offset 0/1");
        assertThat(((HttpCheck) checkers(r).getFirst()).urls().getFirst().statusCodes()).containsExactly(new StatusRange(301, 301));
    }

    @Test
    void regexKeywordsWithoutRegexOnlyGetANote() {
        LoadResult r = load(server("    HTTP_GET {\n      url {\n        path /\n        regex_no_match\n      }\n    }"));
        assertThat(exit(r)).isZero();
        assertThat(withCode(r, "http-regex")).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(KaStatus.NONE));
    }

    @Test
    void smtpHostBlocksBecomeCheckersOfTheirOwn() {
        LoadResult r = load(server("""
                    SMTP_CHECK {
                      helo_name "foo.bar.com"
                      retry 4
                      host {
                        connect_ip 10.0.0.1
                        connect_port 25
                      }
                      host {
                        connect_ip 10.0.0.2
                      }
                    }"""));
        assertThat(exit(r)).as("the deprecated host block is only logged by keepalived").isZero();
        assertThat(checkers(r)).hasSize(2).allSatisfy(c -> {
            SmtpCheck s = (SmtpCheck) c;
            assertThat(s.heloName()).isEqualTo("foo.bar.com");
            assertThat(s.timing().retry()).isEqualTo(4);
        });
        assertThat(checkers(r)).extracting(c -> ((SmtpCheck) c).connection().address().getHostAddress())
                .containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void smtpDefaultsToKeepalivedsHeloName() {
        SmtpCheck s = (SmtpCheck) onlyChecker(server("    SMTP_CHECK {\n    }"));
        assertThat(s.heloName()).isEqualTo("smtpchecker.keepalived.org");
        assertThat(s.connection().port()).isEqualTo(80);
    }

    @Test
    void dnsNameRulesIncludingKeepalivedsSecondCharacterQuirk() {
        LoadResult r = load(server("""
                    DNS_CHECK {
                      type aaaa
                      name a.b
                    }
                    DNS_CHECK {
                      type FOO
                      name a..b
                    }
                    DNS_CHECK {
                      name ab.example.
                    }"""));
        // keepalived 2.2.7 refuses "a.b": its empty-label test also looks at the second character.
        assertThat(messages(r)).contains("DNS_CHECK name 'a.b' has empty label - ignoring",
                "DNS_CHECK name 'a..b' has empty label - ignoring", "Unknown DNS check type FOO - ignoring");
        List<Checker> c = checkers(r);
        assertThat(((DnsCheck) c.get(0)).type()).isEqualTo(DnsCheck.Type.AAAA);
        assertThat(((DnsCheck) c.get(0)).name()).isEqualTo(".");
        assertThat(((DnsCheck) c.get(2)).name()).isEqualTo("ab.example.");
    }

    @Test
    void udpCheckReadsHexWithWildcards() {
        UdpCheck u = (UdpCheck) onlyChecker(server("    UDP_CHECK {\n      payload 01 0A ff\n      require_reply 1x X2\n    }"));
        assertThat(u.payload()).contains("010aff");
        assertThat(u.requireReply()).isTrue();
        assertThat(u.replyPattern()).contains("1xx2");
        assertThat(u.minReplyLength()).isZero();
        assertThat(u.maxReplyLength()).isEqualTo(255);
    }

    @Test
    void udpCheckErrors() {
        LoadResult r = load(server("""
                    UDP_CHECK {
                      payload zz
                      require_reply 0g
                      max_reply_length 70000
                    }
                    UDP_CHECK {
                      payload
                      min_reply_length 10
                      max_reply_length 5
                    }"""));
        assertThat(messages(r)).contains("Invalid hex string for UDP_CHECK payload", "Invalid hex string for UDP_CHECK reply",
                "UDP_CHECK max length 70000 not valid - must be between 0 & 65535", "UDP_CHECK payload requires a payload",
                "UDP_CHECK min_reply length 10 > max_reply_length 5 - will always fail");
        assertThat(checkers(r)).as("both kept").hasSize(2);
    }

    @Test
    void miscCheckScriptUserAndTimeout() {
        MiscCheck m = (MiscCheck) onlyChecker(server("""
                    MISC_CHECK {
                      misc_path "/usr/local/bin/script.sh arg1 arg2"
                      misc_timeout 5
                      misc_dynamic
                      user nobody nogroup
                    }"""));
        assertThat(m.script().command()).isEqualTo("/usr/local/bin/script.sh arg1 arg2");
        assertThat(m.script().executable()).isEqualTo("/usr/local/bin/script.sh");
        assertThat(m.script().user()).isEqualTo("nobody");
        assertThat(m.script().group()).isEqualTo("nogroup");
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(m.dynamic()).isTrue();
    }

    @Test
    void miscCheckWithoutPathIsSkippedAndHasNoConnectionKeywords() {
        LoadResult r = load(server("    MISC_CHECK {\n      connect_timeout 3\n    }"));
        assertThat(messages(r)).contains("No script path has been specified for MISC_CHECKER - skipping");
        assertThat(withCode(r, "unknown-keyword")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("'connect_timeout'"));
        assertThat(checkers(r)).isEmpty();
    }

    @Test
    void fileCheckFollowsATopLevelTrackFile() {
        LoadResult r = load("vrrp_track_file vt {\n  file /tmp/x\n}\n" + server("""
                    FILE_CHECK {
                      track_file vt
                      weight -3 reverse
                    }
                    FILE_CHECK {
                      track_file nope
                      weight 999999999999
                    }"""));
        assertThat(messages(r)).contains("track_file nope not found",
                "weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...",
                "FILE_CHECK has no track_file specified - ignoring");
        assertThat(checkers(r)).containsExactly(new FileCheck("vt", OptionalLong.of(-3), true,
                checkers(r).getFirst().position()));
    }

    @Test
    void bfdCheckNeedsAConfiguredInstance() {
        LoadResult ok = load("bfd_instance b1 {\n  neighbor_ip 10.2.0.1\n}\n" + server("    BFD_CHECK {\n      name b1\n    }"));
        assertThat(checkers(ok)).singleElement().isInstanceOf(BfdCheck.class);
        assertThat(withCode(ok, "unsupported")).filteredOn(d -> d.message().contains("BFD_CHECK"))
                .singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(KaStatus.NONE));

        LoadResult missing = load(server("    BFD_CHECK {\n      name nope\n    }"));
        assertThat(messages(missing)).contains("([10.2.0.1]:tcp:80) BFD_CHECK - BFD nope not configured");
        assertThat(exit(missing)).isEqualTo(5);
    }

    @Test
    void linkLocalDestinationNeedsBindInterface() {
        LoadResult r = load("""
                virtual_server 2001::1 80 {
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                  real_server fe80::9 80 {
                    TCP_CHECK {
                    }
                    TCP_CHECK {
                      bind_if eth0
                    }
                  }
                }
                """);
        assertThat(messages(r)).contains("Checker link local address fe80::9 requires a bind_if");
        assertThat(checkers(r)).hasSize(1);
    }

    @Test
    void refusedConnectIpLeavesBindtoUncompared() {
        // keepalived clears the destination's family when connect_ip is refused.
        LoadResult r = load(server("    TCP_CHECK {\n      connect_ip 10.2.0.x\n      bindto 2001::1\n    }"));
        assertThat(messages(r)).contains("Invalid connect_ip address 10.2.0.x - ignoring")
                .noneMatch(m -> m.startsWith("bindto address"));
    }
}
