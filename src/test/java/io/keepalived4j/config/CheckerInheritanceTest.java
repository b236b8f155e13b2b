package io.keepalived4j.config;

import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.TcpCheck;
import io.keepalived4j.config.model.lvs.TimedChecker;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static io.keepalived4j.config.LvsFixtures.onlyChecker;
import static io.keepalived4j.config.LvsFixtures.server;
import static io.keepalived4j.config.LvsFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived's resolution order for checker settings (check_data.c validate_check_config()):
 * checker value, else real server, else virtual server, else the checker type's default.
 */
class CheckerInheritanceTest {

    private static CheckerTiming timing(String text) {
        return ((TimedChecker) onlyChecker(text)).timing();
    }

    @Test
    void tcpCheckDefaults() {
        CheckerTiming t = timing(server("    TCP_CHECK {\n    }"));
        assertThat(t.delayLoop()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.retry()).isEqualTo(1);
        assertThat(t.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.warmup()).as("warmup defaults to delay_loop").isEqualTo(Duration.ofSeconds(60));
        assertThat(t.alpha()).isFalse();
    }

    @Test
    void httpAndSslDefaultDelayBeforeRetryIsThreeSeconds() {
        String url = "      url {\n        path /\n      }";
        assertThat(timing(server("    HTTP_GET {\n" + url + "\n    }")).delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timing(server("    SSL_GET {\n" + url + "\n    }")).delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void dnsRetriesThreeTimesAndWaitsADelayLoop() {
        CheckerTiming t = timing(service("  delay_loop 7\n  real_server 10.2.0.1 53 {\n    DNS_CHECK {\n    }\n  }"));
        assertThat(t.retry()).isEqualTo(3);
        assertThat(t.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void miscDoesNotRetryByDefault() {
        CheckerTiming t = timing(server("    MISC_CHECK {\n      misc_path /bin/true\n    }"));
        assertThat(t.retry()).isZero();
        assertThat(t.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void checkerValueWinsOverRealServerAndService() {
        CheckerTiming t = timing(service("""
                  retry 5
                  delay_before_retry 6
                  delay_loop 10
                  real_server 10.2.0.1 80 {
                    retry 4
                    delay_before_retry 3
                    warmup 2
                    TCP_CHECK {
                      retry 2
                      delay_before_retry 0.5
                      warmup 1
                      delay_loop 20
                      alpha
                    }
                  }"""));
        assertThat(t).isEqualTo(new CheckerTiming(Duration.ofSeconds(20), 2, Duration.ofMillis(500), Duration.ofSeconds(1),
                true, false));
    }

    @Test
    void realServerValueWinsOverService() {
        CheckerTiming t = timing(service("""
                  retry 5
                  delay_before_retry 6
                  warmup 9
                  delay_loop 10
                  real_server 10.2.0.1 80 {
                    retry 4
                    delay_loop 11
                    TCP_CHECK {
                    }
                  }"""));
        assertThat(t.retry()).isEqualTo(4);
        assertThat(t.delayLoop()).isEqualTo(Duration.ofSeconds(11));
        assertThat(t.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(6));
        assertThat(t.warmup()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void serviceValueWinsOverTheCheckerDefault() {
        CheckerTiming t = timing(service("""
                  retry 5
                  delay_before_retry 6
                  real_server 10.2.0.1 80 {
                    HTTP_GET {
                      url {
                        path /
                      }
                    }
                  }"""));
        assertThat(t.retry()).isEqualTo(5);
        assertThat(t.delayBeforeRetry()).as("over HTTP_GET's 3 s").isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void serviceDelayLoopWrittenAfterTheRealServerStillApplies() {
        // keepalived resolves after reading the whole block.
        CheckerTiming t = timing(service("  real_server 10.2.0.1 80 {\n    TCP_CHECK {\n    }\n  }\n  delay_loop 3"));
        assertThat(t.delayLoop()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.warmup()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void alphaComesFromTheServiceThroughTheRealServer() {
        assertThat(timing(service("  alpha\n  real_server 10.2.0.1 80 {\n    TCP_CHECK {\n    }\n  }")).alpha()).isTrue();
        assertThat(timing(service("  alpha\n  real_server 10.2.0.1 80 {\n    alpha no\n    TCP_CHECK {\n    }\n  }")).alpha())
                .isFalse();
    }

    @Test
    void connectionDefaultsToTheRealServerAsWritten() throws Exception {
        ConnectionOptions c = ((TcpCheck) onlyChecker(server("    TCP_CHECK {\n    }"))).connection();
        assertThat(c.address()).isEqualTo(InetAddress.getByName("10.2.0.1"));
        assertThat(c.port()).isEqualTo(80);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.bindTo()).isEmpty();
    }

    @Test
    void connectTimeoutFollowsTheSameOrder() {
        String text = service("""
                  connect_timeout 7
                  real_server 10.2.0.1 80 {
                    connect_timeout 6
                    TCP_CHECK {
                      connect_ip 10.9.9.9
                      connect_port 8080
                      bindto 10.2.0.200
                      bind_port 2000
                      fwmark 5
                    }
                  }""");
        ConnectionOptions c = ((TcpCheck) onlyChecker(text)).connection();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.address().getHostAddress()).isEqualTo("10.9.9.9");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.bindTo().map(InetAddress::getHostAddress)).contains("10.2.0.200");
        assertThat(c.bindPort()).isEqualTo(2000);
        assertThat(c.fwmark()).isEqualTo(5);
    }

    @Test
    void realServerWithoutPortIsCheckedOnPortZeroUnlessConnectPortIsGiven() {
        // keepalived copies the address into the checker before filling in the service's port.
        String text = service("  real_server 10.2.0.1 {\n    TCP_CHECK {\n    }\n  }");
        assertThat(((TcpCheck) onlyChecker(text)).connection().port()).isZero();
    }

    @Test
    void miscTimeoutDefaultsToTheServiceDelayLoop() {
        String text = service("  delay_loop 12\n  real_server 10.2.0.1 80 {\n    delay_loop 3\n"
                + "    MISC_CHECK {\n      misc_path /bin/true\n    }\n  }");
        assertThat(((MiscCheck) onlyChecker(text)).timeout()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void httpVirtualhostComesFromCheckerThenRealServerThenService() {
        String url = "      url {\n        path /\n      }";
        String inService = service("  virtualhost vs.example\n  real_server 10.2.0.1 80 {\n    HTTP_GET {\n" + url + "\n    }\n  }");
        assertThat(((HttpCheck) onlyChecker(inService)).virtualhost()).contains("vs.example");
        String inServer = service("  virtualhost vs.example\n  real_server 10.2.0.1 80 {\n    virtualhost rs.example\n"
                + "    HTTP_GET {\n" + url + "\n    }\n  }");
        assertThat(((HttpCheck) onlyChecker(inServer)).virtualhost()).contains("rs.example");
        String inChecker = service("  virtualhost vs.example\n  real_server 10.2.0.1 80 {\n"
                + "    HTTP_GET {\n      virtualhost c.example\n" + url + "\n    }\n  }");
        assertThat(((HttpCheck) onlyChecker(inChecker)).virtualhost()).contains("c.example");
    }

    @Test
    void dnsDefaultsToSoaOfTheRoot() {
        DnsCheck d = (DnsCheck) onlyChecker(server("    DNS_CHECK {\n    }"));
        assertThat(d.type()).isEqualTo(DnsCheck.Type.SOA);
        assertThat(d.name()).isEqualTo(".");
    }
}
