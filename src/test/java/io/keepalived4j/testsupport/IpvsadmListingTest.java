package io.keepalived4j.testsupport;

import io.keepalived4j.testsupport.IpvsadmListing.Destination;
import io.keepalived4j.testsupport.IpvsadmListing.Forward;
import io.keepalived4j.testsupport.IpvsadmListing.ParseException;
import io.keepalived4j.testsupport.IpvsadmListing.Protocol;
import io.keepalived4j.testsupport.IpvsadmListing.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IpvsadmListing} over the tables Debian's ipvsadm 1.31 printed in the IPVS VM
 * (src/test/resources/ipvs/*.capture) and hand-written edge cases in ipvsadm's format.
 */
class IpvsadmListingTest {

    private static final String HEAD = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            """;

    /** The lines after the marker line {@code from} up to the next line starting with "=== ". */
    private static List<String> block(Path capture, String from) throws IOException {
        List<String> lines = Files.readAllLines(capture);
        int at = lines.indexOf(from);
        assertThat(at).as(from + " in " + capture).isNotNegative();
        List<String> out = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("=== "); i++) {
            out.add(lines.get(i));
        }
        return out;
    }

    private static Destination dest(Service s, String endpoint) {
        return s.destination(endpoint).orElseThrow(() -> new AssertionError(endpoint + " not in " + s.header()));
    }

    @Test
    void ipvsadmCaptureFullListing() throws IOException {
        IpvsadmListing t = IpvsadmListing.parse(block(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"), "=== CMD ipvsadm -Ln"));

        assertThat(t.version()).contains("1.2.1");
        assertThat(t.size()).hasValue(4096);
        assertThat(t.services()).extracting(Service::key)
                .containsExactly("TCP 10.0.0.1:80", "UDP 10.0.0.1:53", "TCP [2001:db8::1]:443", "FWM 7");

        Service tcp = t.service("TCP 10.0.0.1:80").orElseThrow();
        assertThat(tcp.protocol()).isEqualTo(Protocol.TCP);
        assertThat(tcp.endpoint().orElseThrow().port()).isEqualTo(80);
        assertThat(tcp.scheduler()).isEqualTo("wrr");
        assertThat(tcp.schedulerFlags()).isEmpty();
        assertThat(tcp.persistent()).hasValue(3600);
        assertThat(tcp.mask()).isEmpty();
        assertThat(tcp.pe()).isEmpty();
        assertThat(tcp.onePacket()).isFalse();
        assertThat(tcp.destinations()).extracting(Destination::toString)
                .containsExactly("10.0.0.21:80 Route 3 0 0", "10.0.0.22:8080 Masq 0 0 0");

        Service udp = t.service("UDP 10.0.0.1:53").orElseThrow();
        assertThat(udp.scheduler()).isEqualTo("sh");
        assertThat(udp.schedulerFlags()).containsExactly("sh-fallback", "sh-port");
        assertThat(udp.persistent()).isEmpty();
        assertThat(udp.destinations()).isEmpty();

        Service v6 = t.service("TCP [2001:db8::1]:443").orElseThrow();
        assertThat(v6.endpoint().orElseThrow().ipv6()).isTrue();
        assertThat(v6.scheduler()).isEqualTo("wlc");
        assertThat(v6.persistent()).hasValue(60);
        assertThat(v6.mask()).contains("64");
        assertThat(dest(v6, "[2001:db8::21]:443").forward()).isEqualTo(Forward.MASQ);

        Service fwm = t.service("FWM 7").orElseThrow();
        assertThat(fwm.protocol()).isEqualTo(Protocol.FWM);
        assertThat(fwm.fwmark()).isEqualTo(7);
        assertThat(fwm.ipv6Fwmark()).isFalse();
        assertThat(fwm.endpoint()).isEmpty();
        assertThat(fwm.scheduler()).isEqualTo("mh");
        assertThat(fwm.schedulerFlags()).containsExactly("mh-fallback");
        assertThat(dest(fwm, "10.0.0.23:0")).isEqualTo(new Destination(
                IpvsadmListing.Endpoint.parse("10.0.0.23:0").orElseThrow(), Forward.TUNNEL, 2, 0, 0));
    }

    @Test
    void ipvsadmCaptureSingleServiceHasNoVersionLine() throws IOException {
        IpvsadmListing one = IpvsadmListing.parse(block(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"),
                "=== CMD ipvsadm -Ln -t 10.0.0.1:80"));
        IpvsadmListing all = IpvsadmListing.parse(block(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"), "=== CMD ipvsadm -Ln"));

        assertThat(one.version()).isEmpty();
        assertThat(one.size()).isEmpty();
        assertThat(one.services()).containsExactly(all.service("TCP 10.0.0.1:80").orElseThrow());
    }

    @Test
    void statsListingIsRefusedNamingTheLine() throws IOException {
        List<String> stats = block(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"), "=== CMD ipvsadm -Ln --stats");

        assertThatThrownBy(() -> IpvsadmListing.parse(stats))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(2);
                    assertThat(e.line()).startsWith("Prot LocalAddress:Port               Conns");
                })
                .hasMessageContaining("line 2");
    }

    /** keepalived's own log lines reach the serial console in the middle of the tables (syslog LOG_CONS). */
    private static List<String> keepalivedTable(String marker) throws IOException {
        return block(Path.of("src/test/resources/ipvs/keepalived-2.2.7.capture"), marker).stream()
                .filter(l -> !l.startsWith("Keepalived")).toList();
    }

    @Test
    void keepalivedCaptureTables() throws IOException {
        IpvsadmListing start = IpvsadmListing.parse(keepalivedTable("=== TABLE after start"));
        IpvsadmListing failed = IpvsadmListing.parse(keepalivedTable("=== TABLE after the checks failed"));
        IpvsadmListing stop = IpvsadmListing.parse(keepalivedTable("=== TABLE after stop"));

        assertThat(start.services()).extracting(Service::header).containsExactly(
                "TCP 10.0.0.1:80 rr persistent 50",
                "TCP 10.0.0.2:80 wrr persistent 3600 mask 255.255.255.0",
                "TCP [2001:db8::1]:443 wlc",
                "FWM 7 sh (sh-port)");
        Service inhibit = start.service("TCP 10.0.0.1:80").orElseThrow();
        assertThat(inhibit.destinations()).extracting(Destination::toString)
                .containsExactly("10.0.0.21:80 Route 1 0 0", "10.0.0.22:80 Route 0 0 0");
        assertThat(start.service("FWM 7").orElseThrow().destinations()).isEmpty();

        Service sorry = failed.service("TCP 10.0.0.2:80").orElseThrow();
        assertThat(sorry.destinations()).extracting(Destination::toString).containsExactly("10.0.0.99:8080 Masq 1 0 0");
        assertThat(failed.service("TCP 10.0.0.1:80").orElseThrow().destinationEndpoints()).containsExactly("10.0.0.22:80");
        assertThat(failed.service("TCP [2001:db8::1]:443").orElseThrow().destinations()).isEmpty();

        assertThat(stop.sameTable(failed)).isTrue();
        assertThat(IpvsadmListing.differences(start, failed)).containsExactly(
                "service TCP 10.0.0.1:80: missing destination 10.0.0.21:80 Route weight 1",
                "service TCP 10.0.0.2:80: missing destination 10.0.0.31:8080 Masq weight 3",
                "service TCP 10.0.0.2:80: extra destination 10.0.0.99:8080 Masq weight 1",
                "service TCP [2001:db8::1]:443: missing destination [2001:db8::21]:443 Masq weight 1");
    }

    @Test
    void edgeCasesOfTheFormat() {
        IpvsadmListing t = IpvsadmListing.parse(HEAD + """
                TCP  192.168.1.1:443 wlc (flag-1,flag-3) persistent 360 mask 255.255.0.0 pe sip ops
                  -> 192.168.1.11:443             Local   1      12         345       \s
                UDP  10.0.0.1:53 rr ops
                SCTP 10.0.0.1:3868 lc
                  -> 10.0.0.2:3868                Masq    10     0          0         \s
                TCP  [fd00::1:2:3]:8080 sed persistent 300
                  -> [fd00::21]:8080              Masq    4294   0          1         \s
                FWM  9 IPv6 fo
                  -> [fd00::9]:0                  Route   1      0          0         \s
                  -> 10.0.0.9:0                   Tunnel  1      0          0         \s
                """);

        assertThat(t.services()).extracting(Service::key).containsExactly(
                "TCP 192.168.1.1:443", "UDP 10.0.0.1:53", "SCTP 10.0.0.1:3868", "TCP [fd00::1:2:3]:8080", "FWM 9 IPv6");
        Service https = t.services().getFirst();
        assertThat(https.schedulerFlags()).containsExactly("flag-1", "flag-3");
        assertThat(https.persistent()).hasValue(360);
        assertThat(https.mask()).contains("255.255.0.0");
        assertThat(https.pe()).contains("sip");
        assertThat(https.onePacket()).isTrue();
        assertThat(https.header()).isEqualTo("TCP 192.168.1.1:443 wlc (flag-1,flag-3) persistent 360 mask 255.255.0.0 pe sip ops");
        assertThat(https.destinations().getFirst()).extracting(Destination::forward, Destination::weight,
                Destination::activeConns, Destination::inactiveConns).containsExactly(Forward.LOCAL, 1, 12L, 345L);
        assertThat(t.service("UDP 10.0.0.1:53").orElseThrow().onePacket()).isTrue();
        assertThat(t.service("UDP 10.0.0.1:53").orElseThrow().persistent()).isEmpty();
        assertThat(t.service("SCTP 10.0.0.1:3868").orElseThrow().protocol()).isEqualTo(Protocol.SCTP);
        assertThat(t.service("TCP [fd00::1:2:3]:8080").orElseThrow().mask()).isEmpty();
        Service fwm6 = t.service("FWM 9 IPv6").orElseThrow();
        assertThat(fwm6.ipv6Fwmark()).isTrue();
        assertThat(fwm6.destinationEndpoints()).containsExactly("[fd00::9]:0", "10.0.0.9:0");
    }

    @Test
    void emptyTable() {
        IpvsadmListing t = IpvsadmListing.parse(HEAD);

        assertThat(t.isEmpty()).isTrue();
        assertThat(t.version()).contains("1.2.1");
        assertThat(IpvsadmListing.parse(HEAD.lines().skip(1).toList()).sameTable(t)).isTrue();
    }

    @Test
    void malformedLinesAreErrorsNamingTheLine() {
        record Bad(String text, int line, String why) {
        }
        List<Bad> cases = List.of(
                new Bad("", 1, "empty output"),
                new Bad("IP Virtual Server version 1.2.1 (size=4096)\n", 2, "output ends"),
                new Bad("Prot LocalAddress:Port Scheduler\n", 1, "expected"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\nhello\n", 5, "not a service"),
                new Bad(HEAD + "  -> 10.0.0.2:80                 Route   1      0          0\n", 4, "before any service"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2:80 Bridge 1 0 0\n", 5, "forwarding method"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2:80 Route x 0 0\n", 5, "not a destination"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2:80 Route 1 0\n", 5, "not a destination"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2 Route 1 0 0\n", 5, "bad destination address"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n  -> [fd00::2]:80 Route 1 0 0\n", 5, "family"),
                new Bad(HEAD + "TCP  fd00::1:80 rr\n", 4, "bad virtual address"),
                new Bad(HEAD + "TCP  [10.0.0.1]:80 rr\n", 4, "bad virtual address"),
                new Bad(HEAD + "TCP  10.0.0.1:99999 rr\n", 4, "bad virtual address"),
                new Bad(HEAD + "TCP  10.0.0.300:80 rr\n", 4, "bad virtual address"),
                new Bad(HEAD + "TCP 10.0.0.1:80 rr\n", 4, "not a service"),
                new Bad(HEAD + "ICMP 10.0.0.1:80 rr\n", 4, "not a service"),
                new Bad(HEAD + "TCP  10.0.0.1:80\n", 4, "not a service"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr mask 255.0.0.0\n", 4, "unexpected 'mask'"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr persistent\n", 4, "without a value"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr persistent x\n", 4, "bad number"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr persistent 5 mask 64\n", 4, "bad persistence mask"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr ops persistent 5\n", 4, "unexpected 'persistent'"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr (Sh Port)\n", 4, "bad scheduler flags"),
                new Bad(HEAD + "FWM  0 rr\n", 4, "firewall mark 0"),
                new Bad(HEAD + "FWM  7 IPv4 rr\n", 4, "unexpected 'rr'"),
                new Bad(HEAD + "TCP  10.0.0.1:80 rr\n\n", 5, "not a service"));
        for (Bad bad : cases) {
            assertThatThrownBy(() -> IpvsadmListing.parse(bad.text())).as(bad.text())
                    .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.lineNumber()).as(bad.text()).isEqualTo(bad.line()))
                    .hasMessageContaining("line " + bad.line())
                    .hasMessageContaining(bad.why());
        }
        assertThatThrownBy(() -> IpvsadmListing.parse(HEAD + "TCP  10.0.0.1:80 rr\nTCP  10.0.0.1:80 wrr\n"))
                .hasMessageContaining("TCP 10.0.0.1:80 listed twice");
    }

    @Test
    void comparisonIgnoresOrderAndCountersButNotWeightsOrFlags() {
        IpvsadmListing a = IpvsadmListing.parse(HEAD + """
                TCP  10.0.0.1:80 rr persistent 50
                  -> 10.0.0.21:80                 Route   1      0          0
                  -> 10.0.0.22:80                 Route   1      0          0
                FWM  7 sh (sh-port)
                  -> 10.0.0.41:0                  Tunnel  1      0          0
                """);
        IpvsadmListing reordered = IpvsadmListing.parse(HEAD + """
                FWM  7 sh (sh-port)
                  -> 10.0.0.41:0                  Tunnel  1      7          9
                TCP  10.0.0.1:80 rr persistent 50
                  -> 10.0.0.22:80                 Route   1      3          0
                  -> 10.0.0.21:80                 Route   1      0          100
                """);
        IpvsadmListing changed = IpvsadmListing.parse(HEAD + """
                TCP  10.0.0.1:80 rr persistent 60
                  -> 10.0.0.21:80                 Route   0      0          0
                  -> 10.0.0.23:80                 Masq    1      0          0
                UDP  10.0.0.1:53 rr
                """);

        assertThat(a.sameTable(reordered)).isTrue();
        assertThat(IpvsadmListing.differences(a, reordered)).isEmpty();
        assertThat(a.normalized()).isEqualTo(reordered.normalized());
        assertThat(a.sameTable(changed)).isFalse();
        assertThat(IpvsadmListing.differences(a, changed)).containsExactly(
                "missing service: FWM 7 sh (sh-port)",
                "service TCP 10.0.0.1:80: expected 'TCP 10.0.0.1:80 rr persistent 50', got 'TCP 10.0.0.1:80 rr persistent 60'",
                "service TCP 10.0.0.1:80: destination 10.0.0.21:80: expected Route weight 1, got Route weight 0",
                "service TCP 10.0.0.1:80: missing destination 10.0.0.22:80 Route weight 1",
                "service TCP 10.0.0.1:80: extra destination 10.0.0.23:80 Masq weight 1",
                "extra service: UDP 10.0.0.1:53 rr");
        assertThat(new IpvsadmListing(Optional.empty(), OptionalInt.empty(), List.of()).sameTable(IpvsadmListing.parse(HEAD))).isTrue();
    }
}
