package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.RealServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.server;
import static io.keepalived4j.config.LvsFixtures.service;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad values on the LVS side, with keepalived 2.2.7's wording; all exit 5 under -t. */
class LvsValueMessagesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "lvs_sched|foo|Invalid lvs_scheduler 'foo' - ignoring",
            "lvs_sched|RR|Invalid lvs_scheduler 'RR' - ignoring",
            "persistence_granularity|SOURCE_IP|Invalid IPv4 persistence_granularity specified - SOURCE_IP",
            "retry|0|retry value invalid - 0",
            "retry|x|retry value invalid - x",
            "delay_loop|0|virtual server delay loop '0' invalid - ignoring",
            "delay_loop|abc|virtual server delay loop 'abc' invalid - ignoring",
            "connect_timeout|0|virtual server connect_timeout 0 invalid - ignoring",
            "delay_before_retry|-1|virtual server delay before retry '-1' invalid - ignoring",
            "persistence_timeout|0|persistence_timeout invalid",
            "quorum|0|Quorum 0 must be in [1, 4294967295]. Setting to 1.",
            "hysteresis|-1|Hysteresis -1 must be in [0, 4294967295] - ignoring",
            "weight|0|Virtual server weight 0 is outside range 1-2147483647",
            "smtp_alert|maybe|Invalid virtual_server smtp_alert parameter maybe",
            "ip_family|inet7|unknown address family inet7",
            "ip_family|inet6|Virtual server specified family inet6 conflicts with server family",
            "protocol|ICMP|Unknown protocol ICMP - ignoring",
            "lvs_method|nat|PARSER : unknown [nat] routing method for virtual server.",
            "sh-port||sh-port only applies to sh scheduler - ignoring",
    })
    void badServiceValue(String keyword, String value, String message) {
        String line = "  " + keyword + (value == null ? "" : " " + value);
        LoadResult r = load(service(line + "\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains(message);
        assertThat(exit(r)).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "weight|-1|Real server weight -1 is outside range 0-2147483647",
            "weight|2147483648|Real server weight 2147483648 is outside range 0-2147483647",
            "uthreshold|x|Invalid real_server uthreshold 'x' - ignoring",
            "lthreshold|-1|Invalid real_server lthreshold '-1' - ignoring",
            "inhibit_on_failure|maybe|Invalid inhibit_on_failure parameter maybe",
            "alpha|TRUE|Invalid alpha parameter TRUE",
            "retry|0|retry value invalid - 0",
            "connect_timeout|0|real server connect_timeout 0 invalid - ignoring",
            "delay_loop|0|real server delay_loop '0' invalid - ignoring",
            "smtp_alert|maybe|Invalid real_server smtp_alert parameter maybe",
            "lvs_method|TUN type gue|gue tunnels require port, otherwise cannot have port.",
            "lvs_method|TUN type ipip csum|ipip tunnels do not support checksum option.",
            "lvs_method|TUN type gre remcsum|gre tunnels do not support remote checksum option.",
            "lvs_method|TUN type foo|Unknown tunnel type foo for real server.",
            "lvs_method|TUN bogus|Invalid tunnel option bogus for real server.",
    })
    void badRealServerValue(String keyword, String value, String message) {
        LoadResult r = load(server("    " + keyword + " " + value));
        assertThat(messages(r)).contains(message);
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void gueTunnelWithPortIsAccepted() {
        LoadResult r = load(server("    lvs_method TUN type gue port 6080 csum"));
        assertThat(exit(r)).isZero();
        RealServer rs = r.model().lvs().virtualServers().getFirst().realServers().getFirst();
        assertThat(rs.forwarding()).isEqualTo(new Forwarding(Forwarding.Method.TUN, Forwarding.TunnelType.GUE, 6080,
                Forwarding.TunnelChecksum.CSUM));
    }

    @Test
    void badAddressesSkipTheBlock() {
        LoadResult r = load(service("  real_server 10.2.0.x 80 {\n    weight 2\n  }\n  real_server 10.2.0.2 80 {\n  }")
                .replace("10.1.0.1 80", "10.1.0.1 80"));
        assertThat(messages(r)).contains("Invalid real server ip address/port 10.2.0.x/80 - skipping");
        assertThat(r.model().lvs().virtualServers().getFirst().realServers()).hasSize(1);

        LoadResult port = load(service("  real_server 10.2.0.1 80 {\n  }").replace("10.1.0.1 80", "10.1.0.1 70000"));
        assertThat(messages(port)).contains("Invalid virtual server IP address/port 10.1.0.1/70000 - skipping");
        assertThat(port.model().lvs().virtualServers()).isEmpty();
    }

    @Test
    void unparseableTimerWithAZeroMinimumIsReadAsZero() {
        // keepalived logs "invalid number 'x'" and goes on with 0 s: still exit 5.
        LoadResult r = load(server("    warmup x"));
        assertThat(messages(r)).contains("invalid number 'x'");
        assertThat(exit(r)).isEqualTo(5);
        assertThat(r.model().lvs().virtualServers().getFirst().realServers().getFirst().timing().warmup())
                .contains(Duration.ZERO);
    }

    @Test
    void keywordWithoutItsValueIsKeepalivedsFatalParseError() {
        // keepalived 2.2.7 stops with exit status 2 (see BuildReport).
        LoadResult r = load(service("  delay_loop\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(withCode(r, "missing-parameter")).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo(
                    "Configuration line starting `delay_loop` is missing a parameter after keyword `delay_loop` at word position 2");
            assertThat(d.status()).isEqualTo(KaStatus.MISSING_PARAMETER_ABORT);
            assertThat(d.status().exitCode()).isEqualTo(2);
        });
    }

    @Test
    void unknownBareKeywordIsOnlyTheSchemasBusiness() {
        LoadResult r = load(server("    frobnicate").replace("protocol TCP", "protocol TCP\n  frobnicate"));
        assertThat(withCode(r, "missing-parameter")).isEmpty();
        assertThat(withCode(r, "unknown-keyword")).hasSize(2);
    }

    @Test
    void timerWithMoreThanMicrosecondsIsAnErrorButKept() {
        LoadResult r = load(service("  delay_loop 1.0000001\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains("number '1.0000001' has too many decimal places");
        assertThat(exit(r)).isEqualTo(5);
        assertThat(r.model().lvs().virtualServers().getFirst().timing().delayLoop()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void keywordsThatToleratePresenceAlone() {
        // persistence_timeout means 360, smtp_alert and alpha mean on: keepalived exits 0.
        LoadResult r = load(service("  persistence_timeout\n  smtp_alert\n  real_server 10.2.0.1 80 {\n    alpha\n  }"));
        assertThat(exit(r)).isZero();
    }

    @Test
    void duplicateNotifyScriptIsIgnored() {
        LoadResult r = load(server("    notify_up /bin/true\n    notify_up /bin/false"));
        assertThat(messages(r)).contains("((null)) notify_up script already specified - ignoring /bin/false");
        assertThat(r.model().lvs().virtualServers().getFirst().realServers().getFirst().notifyUp().orElseThrow().command())
                .isEqualTo("/bin/true");
    }

    @Test
    void sorryServerKeywordsBeforeTheSorryServerAreIgnored() {
        LoadResult r = load(service("  sorry_server_inhibit\n  sorry_server_lvs_method DR\n  sorry_server 10.2.0.x 80\n"
                + "  sorry_server ::1 80\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains("Ignoring sorry_server inhibit used before or without sorry_server",
                "sorry_server forwarding used without sorry_server", "Invalid sorry server IP address 10.2.0.x - skipping",
                "Address family of virtual server and sorry server ::1 don't match - skipping sorry server.");
        assertThat(r.model().lvs().virtualServers().getFirst().sorryServer()).isEmpty();
    }

    @Test
    void sslBlockRepeatsAreReplacedWithAMessage() {
        LoadResult r = load("SSL {\n  password a\n}\nSSL {\n  password b\n  password c\n  ca\n}\n");
        assertThat(messages(r)).contains("SSL context already specified - replacing", "SSL password already specified - replacing",
                "SSL cafile missing");
        assertThat(r.model().lvs().ssl().orElseThrow().password()).contains("c");
        assertThat(exit(r)).isEqualTo(5);
    }
}
