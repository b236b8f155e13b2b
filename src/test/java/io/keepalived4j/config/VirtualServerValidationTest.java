package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.SchedulerFlag;
import io.keepalived4j.config.model.lvs.VirtualServer;
import org.junit.jupiter.api.Test;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.service;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole-service checks of validate_check_config(), with the messages and exit statuses
 * keepalived 2.2.7 gives under -t (each case was run against it).
 */
class VirtualServerValidationTest {

    @Test
    void fwmarkServiceWithProtocolWarnsAndDropsTheProtocol() {
        LoadResult r = load("""
                virtual_server fwmark 1 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 10.2.0.1 {
                  }
                }
                """);
        assertThat(messages(r)).contains("Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored");
        assertThat(withCode(r, "fwmark-protocol").getFirst().status()).isEqualTo(KaStatus.GENERAL_ERROR);
        assertThat(exit(r)).isEqualTo(5);
        assertThat(r.model().lvs().virtualServers().getFirst().protocol()).isEmpty();
    }

    @Test
    void serviceWithoutRealServersIsDropped() {
        LoadResult r = load(service(""));
        assertThat(messages(r)).contains("Virtual server [10.1.0.1]:tcp:80 has no real servers - ignoring");
        assertThat(r.model().lvs().virtualServers()).isEmpty();
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void duplicateRealServerIsRemoved() {
        LoadResult r = load(service("  real_server 10.2.0.1 80 {\n  }\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains("VS [10.1.0.1]:tcp:80: real server [10.2.0.1]:tcp:80 is duplicated - removing second rs");
        assertThat(r.model().lvs().virtualServers().getFirst().realServers()).hasSize(1);
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void directRoutingRealServerOnAnotherPortIsReset() {
        LoadResult r = load(service("  sorry_server 10.2.0.9 81\n  real_server 10.2.0.1 81 {\n    lvs_method DR\n  }"));
        assertThat(messages(r)).contains(
                "WARNING - virtual server [10.1.0.1]:tcp:80 and real server [10.2.0.1]:tcp:81 ports don't match - resetting");
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        assertThat(vs.realServers().getFirst().port()).isEqualTo(80);
        assertThat(vs.sorryServer().orElseThrow().port()).as("a NAT sorry server keeps its port").isEqualTo(81);
    }

    @Test
    void fwmarkServiceClearsRealServerPortsAndHaSuspend() {
        LoadResult r = load("""
                virtual_server fwmark 1 {
                  ha_suspend
                  lvs_sched rr
                  lvs_method DR
                  sorry_server 10.2.0.9 80
                  real_server 10.2.0.1 80 {
                  }
                  real_server 10.2.0.2 {
                  }
                }
                """);
        assertThat(messages(r)).contains(
                "Virtual server FWM 1: cannot use ha_suspend with fwmarks - clearing ha_suspend",
                "WARNING - fwmark virtual server FWM 1, real server [10.2.0.1]:none:80 has port specified - clearing",
                "WARNING - virtual server FWM 1, sorry server has port specified - clearing");
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        assertThat(vs.realServers()).allMatch(rs -> rs.port() == 0);
        assertThat(vs.pool().haSuspend()).isFalse();
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void quorumAboveTheTotalWeightIsReducedAndHysteresisKeptBelowIt() {
        LoadResult r = load(service("""
                  quorum 5
                  hysteresis 5
                  real_server 10.2.0.1 80 {
                    weight 2
                  }
                  real_server 10.2.0.2 80 {
                  }"""));
        assertThat(messages(r)).contains(
                "Warning - quorum 5 for [10.1.0.1]:tcp:80 exceeds total weight of real servers 3, reducing quorum to 3",
                "Virtual server [10.1.0.1]:tcp:80: hysteresis 5 >= quorum 3; setting hysteresis to 2");
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        assertThat(vs.pool().quorum()).isEqualTo(3);
        assertThat(vs.pool().hysteresis()).isEqualTo(2);
    }

    @Test
    void onePacketSchedulingNeedsUdp() {
        LoadResult r = load(service("  ops\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains("Virtual server [10.1.0.1]:tcp:80: one packet scheduling requires UDP - resetting");
        assertThat(r.model().lvs().virtualServers().getFirst().flags()).doesNotContain(SchedulerFlag.OPS);
    }

    @Test
    void portZeroServiceBecomesPersistent() {
        LoadResult r = load(service("  real_server 10.2.0.1 80 {\n  }").replace("10.1.0.1 80", "10.1.0.1"));
        assertThat(messages(r)).contains("Virtual server [10.1.0.1]:tcp:0: zero port only valid for persistent services - setting");
        assertThat(r.model().lvs().virtualServers().getFirst().persistence().timeoutSeconds()).isEqualTo(360);
    }

    @Test
    void realServerOfTheOtherFamilyIsSkipped() {
        LoadResult r = load(service("  real_server 2001::1 80 {\n  }\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(messages(r)).contains("Address family of virtual server and real server 2001::1 don't match - skipping real server.");
        assertThat(r.model().lvs().virtualServers().getFirst().realServers()).hasSize(1);
    }

    @Test
    void tunnelledRealServerMayBeOfTheOtherFamily() {
        LoadResult r = load(service("  real_server 2001::1 80 {\n    lvs_method TUN\n  }\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(r.model().lvs().virtualServers().getFirst().realServers()).hasSize(2);
        assertThat(withCode(r, "family-mismatch")).isEmpty();
    }

    @Test
    void sorryServerMatchingARealServerTakesItsInhibitSetting() {
        LoadResult r = load(service("  sorry_server 10.2.0.1 80\n  real_server 10.2.0.1 80 {\n    inhibit_on_failure\n  }"));
        assertThat(messages(r)).contains("Virtual server [10.1.0.1]:tcp:80: real server [10.2.0.1]:tcp:80 matches sorry server, "
                + "but inhibit setting differs, setting on sorry server");
        assertThat(r.model().lvs().virtualServers().getFirst().sorryServer().orElseThrow().inhibit()).isTrue();
    }

    @Test
    void serviceOfAnUnknownGroupIsDroppedWithoutChangingTheExitCode() {
        // keepalived 2.2.7 -t exits 0 here: the service is only dropped (and logged) at start-up.
        LoadResult r = load("""
                virtual_server group NOPE {
                  lvs_sched rr
                  real_server 10.2.0.1 80 {
                  }
                }
                """);
        assertThat(r.model().lvs().virtualServers()).isEmpty();
        assertThat(withCode(r, "vs-dropped")).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(KaStatus.NONE);
            assertThat(d.message()).startsWith("Virtual server group NOPE specified but not configured");
        });
        assertThat(exit(r)).isZero();
    }

    @Test
    void valuesOfVirtualServerFlagsAreIgnoredWithANote() {
        LoadResult r = load(service("  inhibit_on_failure no\n  real_server 10.2.0.1 80 {\n  }"));
        assertThat(exit(r)).isZero();
        assertThat(r.model().lvs().virtualServers().getFirst().pool().inhibitOnFailure()).isTrue();
        assertThat(withCode(r, "ignored-value")).hasSize(1);
    }
}
