package io.keepalived4j.lb.ipvs;

import io.keepalived4j.testsupport.IpvsCompareRun;
import io.keepalived4j.testsupport.IpvsadmListing;
import io.keepalived4j.testsupport.IpvsadmListing.Destination;
import io.keepalived4j.testsupport.IpvsadmListing.Forward;
import io.keepalived4j.testsupport.IpvsadmListing.Service;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference of the keepalived-vs-keepalived4j IPVS table comparison: the tables keepalived 2.2.7
 * (checker process, {@code -C}) left in a real IPVS kernel for src/test/resources/ipvs/compare/keepalived.conf
 * in each phase of lab/ipvs-vm/compare.sh (start; the listeners of 10.231.1.22:80, 10.231.25.21:80 and
 * 10.231.26.21:80 stopped; started again; keepalived stopped), recorded in
 * src/test/resources/ipvs/compare/keepalived-2.2.7.tables. This test pins that behaviour down field by
 * field, so keepalived4j's tables from the same scenario can be compared against a known-good reference.
 *
 * <p>Regenerate (root): {@code K4J_VM_MEM=512 lab/ipvs-vm/compare-run.sh >src/test/resources/ipvs/compare/keepalived-2.2.7.tables}
 */
class IpvsCompareGoldenTest {

    private static final IpvsCompareRun RUN = IpvsCompareRun.read(Path.of("src/test/resources/ipvs/compare/keepalived-2.2.7.tables"));
    private static final String KEEPALIVED = "keepalived";

    private static final List<String> SERVICE_LINES = List.of(
            "TCP 10.231.1.100:80 rr persistent 50",          // seed 000
            "TCP 10.231.2.100:80 wrr persistent 3600",       // seed 001 (granularity /32: no mask)
            "TCP 10.231.4.100:80 wrr persistent 60",         // seed 003
            "TCP 10.231.21.100:80 wlc",                      // virtual_server_group G21: the range ...
            "TCP 10.231.21.101:80 wlc",
            "TCP 10.231.24.100:80 rr",                       // sorry_server
            "TCP 10.231.25.100:80 wrr",                      // inhibit_on_failure
            "TCP 10.231.26.100:80 rr",                       // quorum 2
            "TCP [fd00:231:23::100]:80 wlc persistent 300 mask 64",
            "FWM 21 wlc",                                    // ... and the fwmark of G21
            "FWM 22 sh (sh-port)");

    /** Every destination as "endpoint Forward weight", per service key. */
    private static final Map<String, List<String>> START = Map.ofEntries(
            Map.entry("TCP 10.231.1.100:80", List.of("10.231.1.21:80 Route 1", "10.231.1.22:80 Route 1")),
            Map.entry("TCP 10.231.2.100:80", List.of("10.231.2.21:80 Route 1", "10.231.2.22:80 Route 1")),
            Map.entry("TCP 10.231.4.100:80", List.of("10.231.4.21:80 Route 3", "10.231.4.22:80 Route 3")),
            Map.entry("TCP 10.231.21.100:80", List.of("10.231.21.21:80 Route 2", "10.231.21.22:80 Route 1")),
            Map.entry("TCP 10.231.21.101:80", List.of("10.231.21.21:80 Route 2", "10.231.21.22:80 Route 1")),
            // the only real server (10.231.24.21) never listens: removed after its first check, sorry server in
            Map.entry("TCP 10.231.24.100:80", List.of("10.231.24.99:8080 Masq 1")),
            Map.entry("TCP 10.231.25.100:80", List.of("10.231.25.21:80 Route 2", "10.231.25.22:80 Route 1")),
            Map.entry("TCP 10.231.26.100:80", List.of("10.231.26.21:80 Masq 1", "10.231.26.22:80 Masq 1")),
            Map.entry("TCP [fd00:231:23::100]:80", List.of("[fd00:231:23::21]:80 Masq 1", "[fd00:231:23::22]:80 Masq 2")),
            // the group's fwmark member: the real servers' port 80 is dropped (port 0)
            Map.entry("FWM 21", List.of("10.231.21.21:0 Route 2", "10.231.21.22:0 Route 1")),
            Map.entry("FWM 22", List.of("10.231.22.21:0 Tunnel 1")));

    private static List<String> dests(Service s) {
        return s.destinations().stream().map(d -> d.endpoint() + " " + d.forward().column() + " " + d.weight()).toList();
    }

    private static Service service(IpvsadmListing t, String key) {
        return t.service(key).orElseThrow(() -> new AssertionError(key + " not in the table"));
    }

    private static void assertShape(IpvsadmListing t, Map<String, List<String>> expected) {
        assertThat(t.services()).extracting(Service::header).containsExactlyInAnyOrderElementsOf(SERVICE_LINES);
        for (Service s : t.services()) {
            assertThat(dests(s)).as(s.key()).containsExactlyInAnyOrderElementsOf(expected.get(s.key()));
            assertThat(s.destinations()).as(s.key()).allSatisfy(d -> assertThat(d.activeConns() + d.inactiveConns()).isZero());
        }
    }

    private static Map<String, List<String>> startWith(Map<String, List<String>> changes) {
        Map<String, List<String>> m = new HashMap<>(START);
        m.putAll(changes);
        return m;
    }

    @Test
    void theRunHasEveryPhaseOfKeepalivedAndNoWaitHitItsBound() {
        assertThat(RUN.daemons()).containsExactly(KEEPALIVED);
        assertThat(RUN.sectionNames()).containsExactly("keepalived.start", "keepalived.down", "keepalived.up",
                "keepalived.stopped", "keepalived.events", "keepalived.log");
        List<String> events = RUN.events(KEEPALIVED);
        assertThat(events.getFirst()).isEqualTo("command: keepalived -C -n -l -D -f /etc/keepalived/compare.conf");
        for (String phase : List.of("start", "down", "up")) {
            assertThat(events).filteredOn(e -> e.split(" ")[0].equals(phase)).singleElement().satisfies(e -> {
                assertThat(e.split(" ")).contains("condition=ok", "stable=ok");
            });
        }
        assertThat(events).filteredOn(e -> e.split(" ")[0].equals("stopped")).singleElement()
                .satisfies(e -> assertThat(e.split(" ")).contains("exited", "status=0"));
        assertThat(RUN.log(KEEPALIVED)).anySatisfy(l -> assertThat(l).endsWith("Starting Keepalived v2.2.7 (01/16,2022)"));
    }

    @Test
    void start() {
        IpvsadmListing t = RUN.table(KEEPALIVED, "start");

        assertThat(t.version()).contains("1.2.1");
        assertShape(t, START);
        Service seed001 = service(t, "TCP 10.231.2.100:80");
        assertThat(seed001.persistent()).hasValue(3600);
        assertThat(seed001.mask()).isEmpty();
        Service v6 = service(t, "TCP [fd00:231:23::100]:80");
        assertThat(v6.mask()).contains("64");
        assertThat(v6.destinations()).allSatisfy(d -> assertThat(d.endpoint().ipv6()).isTrue());
        assertThat(service(t, "FWM 22").schedulerFlags()).containsExactly("sh-port");
    }

    @Test
    void downPlainLosesOneInhibitKeepsItAtWeightZeroQuorumFallsBackToTheSorryServer() {
        IpvsadmListing start = RUN.table(KEEPALIVED, "start");
        IpvsadmListing down = RUN.table(KEEPALIVED, "down");

        assertShape(down, startWith(Map.of(
                // plain (seed 000): the stopped real server is removed
                "TCP 10.231.1.100:80", List.of("10.231.1.21:80 Route 1"),
                // inhibit_on_failure: the stopped real server stays, weight 0
                "TCP 10.231.25.100:80", List.of("10.231.25.21:80 Route 0", "10.231.25.22:80 Route 1"),
                // quorum 2 lost (1 alive of weight 1): sorry server in, and the ALIVE real server is removed too
                "TCP 10.231.26.100:80", List.of("10.231.26.99:80 Masq 1"))));
        assertThat(IpvsadmListing.differences(start, down)).containsExactly(
                "service TCP 10.231.1.100:80: missing destination 10.231.1.22:80 Route weight 1",
                "service TCP 10.231.25.100:80: destination 10.231.25.21:80: expected Route weight 2, got Route weight 0",
                "service TCP 10.231.26.100:80: missing destination 10.231.26.21:80 Masq weight 1",
                "service TCP 10.231.26.100:80: missing destination 10.231.26.22:80 Masq weight 1",
                "service TCP 10.231.26.100:80: extra destination 10.231.26.99:80 Masq weight 1");
        Destination inhibited = service(down, "TCP 10.231.25.100:80").destination("10.231.25.21:80").orElseThrow();
        assertThat(inhibited.forward()).isEqualTo(Forward.ROUTE);
        assertThat(inhibited.weight()).isZero();
    }

    @Test
    void upRestoresTheStartTable() {
        IpvsadmListing up = RUN.table(KEEPALIVED, "up");

        assertShape(up, START);
        assertThat(up.sameTable(RUN.table(KEEPALIVED, "start"))).isTrue();
        // quorum regained: the sorry server is gone again
        assertThat(service(up, "TCP 10.231.26.100:80").destination("10.231.26.99:80")).isEmpty();
    }

    @Test
    void stoppedLeavesNoService() {
        IpvsadmListing stopped = RUN.table(KEEPALIVED, "stopped");

        assertThat(stopped.version()).contains("1.2.1");
        assertThat(stopped.isEmpty()).isTrue();
    }
}
