package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.CheckTiming;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.Persistence;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.onlyServer;
import static io.keepalived4j.config.LvsFixtures.onlyService;
import static io.keepalived4j.config.LvsFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

/** keepalived 2.2.7's defaults for virtual and real servers (features.md section 11). */
class LvsDefaultsTest {

    @Test
    void completeServiceKeepsWhatWasWrittenAndExitsZero() throws Exception {
        LoadResult r = load(server(""));
        assertThat(exit(r)).isZero();
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        assertThat(vs.key()).isEqualTo(new ServiceKey.Address(InetAddress.getByName("10.1.0.1"), 80));
        assertThat(vs.protocol()).contains(Protocol.TCP);
        assertThat(vs.scheduler()).isEqualTo("rr");
        assertThat(vs.forwarding()).isEqualTo(Forwarding.NAT);
        assertThat(vs.describe()).isEqualTo("[10.1.0.1]:tcp:80");
    }

    @Test
    void serviceDefaultsMatchKeepalived() {
        VirtualServer vs = onlyService(server(""));
        assertThat(vs.timing().delayLoop()).isEqualTo(Duration.ofSeconds(60));
        assertThat(vs.timing().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(vs.timing().retry()).isEmpty();
        assertThat(vs.timing().delayBeforeRetry()).isEmpty();
        assertThat(vs.timing().warmup()).isEmpty();
        assertThat(vs.weight()).isEqualTo(1);
        assertThat(vs.pool().quorum()).isEqualTo(1);
        assertThat(vs.pool().hysteresis()).isZero();
        assertThat(vs.pool().alpha()).isFalse();
        assertThat(vs.pool().inhibitOnFailure()).isFalse();
        assertThat(vs.persistence()).isEqualTo(Persistence.NONE);
        assertThat(vs.smtpAlert()).isEmpty();
    }

    @Test
    void bareRealServerInheritsTheServiceSettings() {
        RealServer rs = onlyServer(LvsFixtures.service("""
                  weight 7
                  inhibit_on_failure
                  alpha
                  delay_loop 9
                  retry 4
                  real_server 10.2.0.1 80 {
                  }"""));
        assertThat(rs.weight()).isEqualTo(7);
        assertThat(rs.inhibitOnFailure()).isTrue();
        assertThat(rs.alpha()).isTrue();
        assertThat(rs.timing().delayLoop()).isEqualTo(Duration.ofSeconds(9));
        assertThat(rs.timing().retry()).hasValue(4);
        assertThat(rs.forwarding().method()).isEqualTo(Forwarding.Method.NAT);
        assertThat(rs.smtpAlert()).as("empty: the global default, on for real servers").isEmpty();
    }

    @Test
    void realServerSettingsWinOverTheService() {
        RealServer rs = onlyServer(LvsFixtures.service("""
                  weight 7
                  inhibit_on_failure
                  real_server 10.2.0.1 80 {
                    weight 0
                    inhibit_on_failure off
                    lvs_method DR
                  }"""));
        assertThat(rs.weight()).isZero();
        assertThat(rs.inhibitOnFailure()).isFalse();
        assertThat(rs.forwarding().method()).isEqualTo(Forwarding.Method.DR);
    }

    @Test
    void barePersistenceTimeoutIs360() {
        VirtualServer vs = onlyService(server("").replace("protocol TCP", "protocol TCP\n  persistence_timeout"));
        assertThat(vs.persistence().timeoutSeconds()).isEqualTo(360);
    }

    @Test
    void persistenceGranularityTurnsPersistenceOn() {
        VirtualServer vs = onlyService(server("").replace("protocol TCP", "protocol TCP\n  persistence_granularity 255.255.255.0"));
        assertThat(vs.persistence().timeoutSeconds()).isEqualTo(Persistence.DEFAULT_TIMEOUT);
        assertThat(vs.persistence().granularity()).contains("255.255.255.0");
    }

    @Test
    void missingProtocolSchedulerAndMethodAreDefaultedWithKeepalivedsMessages() {
        LoadResult r = load("""
                virtual_server 10.1.0.1 80 {
                  real_server 10.2.0.1 80 {
                  }
                }
                """);
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        assertThat(vs.protocol()).contains(Protocol.UDP);
        assertThat(vs.scheduler()).isEqualTo(VirtualServer.DEFAULT_SCHEDULER);
        assertThat(vs.forwarding()).isEqualTo(Forwarding.NAT);
        assertThat(messages(r)).contains(
                "Virtual server [10.1.0.1]:none:80: no protocol set - defaulting to UDP",
                "Virtual server [10.1.0.1]:udp:80: no scheduler set, setting default 'wlc'",
                "Virtual server [10.1.0.1]:udp:80: no forwarding method set, setting default NAT");
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void natRealServerWithoutPortTakesTheServicePort() {
        RealServer rs = onlyServer(LvsFixtures.service("  real_server 10.2.0.1 {\n  }"));
        assertThat(rs.port()).isEqualTo(80);
    }

    @Test
    void timingDefaultsAreTheDocumentedOnes() {
        assertThat(CheckTiming.DEFAULTS.delayLoop()).isEqualTo(Duration.ofSeconds(60));
        assertThat(CheckTiming.DEFAULTS.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void ipv6ServiceIsDescribedInCompressedForm() {
        LoadResult r = load("""
                virtual_server 2001:db8:0:0:0:0:0:1 80 {
                  lvs_sched rr
                  lvs_method DR
                  real_server 2001:db8::2 81 {
                  }
                }
                """);
        assertThat(messages(r)).contains("Virtual server [2001:db8::1]:none:80: no protocol set - defaulting to UDP",
                "WARNING - virtual server [2001:db8::1]:udp:80 and real server [2001:db8::2]:udp:81 ports don't match - resetting");
        assertThat(r.model().lvs().virtualServers().getFirst().realServers().getFirst().port()).isEqualTo(80);
    }
}
