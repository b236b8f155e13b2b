package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.config.model.lvs.VirtualServerGroup.AddressRange;
import io.keepalived4j.config.model.lvs.VirtualServerGroup.FwmarkEntry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code virtual_server_group} lines and the linking of services to groups, as keepalived 2.2.7
 * reads them. The group's lines are addresses, which the root keyword table must let through as
 * free-form lines; these tests look at the builder's own diagnostics only.
 */
class VirtualServerGroupTest {

    private static final String USE = """
            virtual_server group G {
              lvs_sched rr
              lvs_method NAT
              protocol TCP
              real_server 10.2.0.1 80 {
              }
            }
            """;

    /** The exit status from everything but the schema's view of the group's address lines. */
    private static int exitIgnoringGroupLines(LoadResult r) {
        KaStatus s = KaStatus.NONE;
        for (Diagnostic d : r.diagnostics().all()) {
            if (!(d.code().equals("unknown-keyword") && d.message().contains("in virtual_server_group"))) {
                s = s.combine(d.status());
            }
        }
        return s.exitCode();
    }

    private static AddressRange range(String first, String last, int port) throws Exception {
        return new AddressRange(InetAddress.getByName(first), InetAddress.getByName(last), port);
    }

    @Test
    void everyEntryFormIsRead() throws Exception {
        LoadResult r = load("""
                virtual_server_group G {
                  10.0.0.1 80
                  10.0.0.2-5 80
                  10.0.1.0/30 80
                  10.0.2.1-10.0.2.5 80
                  fwmark 7
                  fwmark 8 inet
                }
                """ + USE);
        assertThat(exitIgnoringGroupLines(r)).isZero();
        VirtualServerGroup g = r.model().lvs().groups().getFirst();
        assertThat(g.entries()).containsExactly(range("10.0.0.1", "10.0.0.1", 80), range("10.0.0.2", "10.0.0.5", 80),
                range("10.0.1.0", "10.0.1.3", 80), range("10.0.2.1", "10.0.2.5", 80),
                new FwmarkEntry(7, Optional.empty()), new FwmarkEntry(8, Optional.of(IpFamily.INET)));
        assertThat(r.model().lvs().virtualServers()).hasSize(1);
    }

    @Test
    void groupAddressWithoutPortMakesTheServicePersistent() {
        LoadResult r = load("virtual_server_group G {\n  10.0.0.9\n}\n" + USE);
        assertThat(messages(r)).contains("Virtual server [G]:0: zero port only valid for persistent services - setting");
        assertThat(r.model().lvs().virtualServers().getFirst().persistence().timeoutSeconds()).isEqualTo(360);
    }

    @Test
    void ipv6RangeEndIsTheLastGroupInHex() throws Exception {
        LoadResult r = load("""
                virtual_server_group G6 {
                  ae00::2-9 80
                  ae00::1:0-ffff 80
                  ae00::/126 80
                }
                """);
        assertThat(r.model().lvs().groups().getFirst().entries()).containsExactly(range("ae00::2", "ae00::9", 80),
                range("ae00::1:0", "ae00::1:ffff", 80), range("ae00::", "ae00::3", 80));
        assertThat(exitIgnoringGroupLines(r)).isZero();
    }

    @Test
    void badLinesAreSkippedWithKeepalivedsMessages() {
        LoadResult r = load("""
                virtual_server_group G {
                  10.0.0.300 80
                  10.0.0.5-2 80
                  10.0.0.5-300 80
                  10.0.1.1/30 80
                  10.0.1.0/33 80
                  10.0.0.1 70000
                  fwmark x
                  fwmark 5 inet7
                  10.0.0.1-2001::5 80
                  10.0.0.9-10.0.0.1 80
                  10.0.0.1 80
                }
                """);
        assertThat(messages(r)).contains(
                "Invalid virtual server group IP address 10.0.0.300 /port/80 - skipping",
                "Address range end is not greater than address range start - 10.0.0.5-2 - skipping",
                "Virtual server group range '10.0.0.5-300' end '300' too large",
                "Address mask bits not empty - 10.0.1.1/30 - skipping",
                "Invalid netmask - 10.0.1.0/33 - skipping",
                "Invalid virtual server group IP address 10.0.0.1 /port/70000 - skipping",
                "(G): fwmark 'x' must be in [0, 4294967295] - ignoring",
                "(G): fwmark '5' family inet7 unknown - ignoring",
                "Invalid virtual server group IP address 10.0.0.1-2001::5 /port/80 - skipping",
                "Address range end is less than address range start - 10.0.0.9-10.0.0.1 - skipping");
        assertThat(r.model().lvs().groups().getFirst().entries()).hasSize(1);
        assertThat(exitIgnoringGroupLines(r)).isEqualTo(5);
    }

    @Test
    void emptyOrAmbiguousGroupIsRemoved() {
        LoadResult r = load("""
                virtual_server_group E {
                }
                virtual_server_group M {
                  10.0.0.1 80
                  2001::1 80
                  fwmark 3
                }
                """);
        assertThat(messages(r)).contains("virtual server group E has no entries - removing",
                "virtual server group M cannot have IPv4, IPv6 and fwmark without family - removing");
        assertThat(r.model().lvs().groups()).isEmpty();
    }

    @Test
    void groupOfAddressesChecksProtocolAndPorts() {
        LoadResult r = load("virtual_server_group G {\n  10.0.0.1 80\n}\n" + """
                virtual_server group G {
                  lvs_sched rr
                  lvs_method DR
                  real_server 10.0.0.1 81 {
                  }
                }
                """);
        assertThat(messages(r)).contains("Virtual server [G]:0: no protocol set - defaulting to UDP",
                "virtual server [G]:0:[10.0.0.1,80] and real server [10.0.0.1]:udp:81 ports don't match");
    }

    @Test
    void groupOfFwmarksIgnoresTheProtocol() {
        LoadResult r = load("virtual_server_group F {\n  fwmark 3\n}\n" + USE.replace("group G", "group F"));
        assertThat(messages(r)).contains("Warning: Virtual server [F]:0: protocol specified for fwmark - protocol will be ignored");
        assertThat(exitIgnoringGroupLines(r)).isEqualTo(5);
    }

    @Test
    void serviceOfTheWrongFamilyIsDroppedAndTheNextOneNumbered() {
        LoadResult r = load("virtual_server_group G {\n  10.0.0.1 80\n}\n" + """
                virtual_server group G {
                  protocol TCP
                  lvs_sched rr
                  lvs_method NAT
                  real_server 2001::1 80 {
                  }
                }
                virtual_server group G {
                  protocol UDP
                  lvs_sched rr
                  lvs_method NAT
                  real_server 10.0.0.1 81 {
                  }
                }
                virtual_server group G {
                  protocol UDP
                  real_server 10.0.0.1 81 {
                  }
                }
                """);
        assertThat(withCode(r, "vs-dropped")).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("G: address family doesn't match virtual server [G]:0 - ignoring");
            assertThat(d.status()).isEqualTo(KaStatus.NONE);
        });
        // keepalived numbers the services of a group after dropping: the third block is [G]:1.
        assertThat(messages(r)).contains("Virtual server [G]:1: no scheduler set, setting default 'wlc'");
        assertThat(r.model().lvs().virtualServers()).extracting(VirtualServer::family)
                .containsOnly(Optional.of(IpFamily.INET));
    }
}
