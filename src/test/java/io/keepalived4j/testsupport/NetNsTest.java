package io.keepalived4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetNsTest {

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void namespaceHasLoAndEth0ToEth3AllUp() {
        try (NetNs ns = NetNs.create("nstest")) {
            ExecResult links = ns.exec(List.of("ip", "-o", "link"), Duration.ofSeconds(5));

            assertThat(links.ok()).as("%s", links).isTrue();
            // "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ..." -> eth0
            List<String> lines = links.stdout().lines().toList();
            assertThat(lines).map(NetNsTest::linkName).containsExactlyInAnyOrder("lo", "eth0", "eth1", "eth2", "eth3");
            assertThat(lines).allSatisfy(line -> assertThat(flags(line)).contains("UP", "LOWER_UP"));
        }
    }

    @Test
    void execRunsInsideTheNamespaceAndReturnsExitCodeAndOutput() throws Exception {
        try (NetNs ns = NetNs.create("nstest")) {
            ExecResult r = ns.exec("sh", "-c", "echo out; echo err >&2; readlink /proc/self/ns/net; exit 3");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.timedOut()).isFalse();
            assertThat(r.stderr()).isEqualTo("err\n");
            List<String> out = r.stdout().lines().toList();
            assertThat(out).hasSize(2).first().isEqualTo("out");
            // net:[inode] differs from ours only if the command really ran in another namespace.
            assertThat(out.get(1)).startsWith("net:[")
                    .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        }
    }

    @Test
    void execKillsCommandsThatOutliveTheirTimeout() {
        try (NetNs ns = NetNs.create("nstest")) {
            long start = System.nanoTime();
            ExecResult r = ns.exec(List.of("sleep", "30"), Duration.ofMillis(300));

            assertThat(r.timedOut()).isTrue();
            assertThat(r.ok()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void closeRemovesNamespaceAndHostSideVeths() {
        NetNs ns = NetNs.create("nstest");
        List<String> peers = IntStream.range(0, NetNs.INTERFACES).mapToObj(ns::hostPeer).toList();
        assertThat(hostLinks()).containsAll(peers);
        assertThat(namespaces()).contains(ns.name());

        ns.close();

        assertThat(namespaces()).doesNotContain(ns.name());
        assertThat(hostLinks()).doesNotContainAnyElementsOf(peers);
        assertThatThrownBy(() -> ns.exec("true")).isInstanceOf(IllegalStateException.class);
        ns.close(); // idempotent
    }

    @Test
    void failedCreationRemovesWhatItMadeAndKeepsWhatItDidNot() {
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6);
        String squatter = "k4jv" + suffix + "2";
        // Someone else's link holding the name NetNs wants for its third veth makes creation fail there.
        ExecResult made = Exec.run(List.of("ip", "link", "add", squatter, "type", "veth", "peer", "name", "k4jw" + suffix),
                Duration.ofSeconds(5));
        assertThat(made.ok()).as("%s", made).isTrue();
        try {
            assertThatThrownBy(() -> NetNs.create("nstest", suffix))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(squatter);

            assertThat(namespaces()).doesNotContain("k4j-nstest-" + suffix);
            assertThat(hostLinks()).doesNotContain("k4jv" + suffix + "0", "k4jv" + suffix + "1")
                    .contains(squatter);
        } finally {
            Exec.run(List.of("ip", "link", "del", squatter), Duration.ofSeconds(5));
        }
    }

    @Test
    void rejectsPurposesThatWouldMakeBadNames() {
        assertThatThrownBy(() -> NetNs.create("Has Space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetNs.create("x".repeat(21))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String linkName(String ipOLinkLine) {
        String name = ipOLinkLine.split(": ", 3)[1];
        int at = name.indexOf('@'); // veths print as eth0@if7
        return at < 0 ? name : name.substring(0, at);
    }

    private static List<String> flags(String ipOLinkLine) {
        String inner = ipOLinkLine.substring(ipOLinkLine.indexOf('<') + 1, ipOLinkLine.indexOf('>'));
        return Arrays.asList(inner.split(","));
    }

    private static List<String> hostLinks() {
        ExecResult r = Exec.run(List.of("ip", "-o", "link"), Duration.ofSeconds(5));
        assertThat(r.ok()).as("%s", r).isTrue();
        return r.stdout().lines().map(NetNsTest::linkName).toList();
    }

    private static List<String> namespaces() {
        ExecResult r = Exec.run(List.of("ip", "netns", "list"), Duration.ofSeconds(5));
        assertThat(r.ok()).as("%s", r).isTrue();
        // "k4j-x-abc123 (id: 3)" -> "k4j-x-abc123"
        return r.stdout().lines().map(line -> line.split(" ", 2)[0]).toList();
    }
}
