package io.keepalived4j.demo;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTopologyTest {

    private static final Duration IP = Duration.ofSeconds(10);

    private static String host(String... argv) {
        return Exec.run(List.of(argv), IP).stdout();
    }

    private static Set<String> demoNamespaces() {
        return Arrays.stream(host("ip", "netns", "list").split("\n")).map(l -> l.split(" ")[0])
                .filter(n -> n.startsWith("k4j-demo-")).collect(Collectors.toSet());
    }

    @Test
    void buildsTheSegmentInsideNamespacesAndNothingOnTheHost() {
        Root.assumeRootOrFailOnCi();
        String id;
        try (DemoTopology t = DemoTopology.create()) {
            id = t.id();
            // The bridge is in the switch namespace, snooping off (VRRP to 224.0.0.18 must flood).
            String bridge = Exec.run(List.of("ip", "-n", t.switchNamespace(), "-d", "link", "show", t.bridge()), IP).stdout();
            assertThat(bridge).contains("mcast_snooping 0").contains("state UP");
            assertThat(host("ip", "-o", "link")).doesNotContain("k4jd" + id);
            for (String name : DemoTopology.HOSTS) {
                DemoHost h = t.host(name);
                assertThat(h.port().length()).isLessThanOrEqualTo(15);
                assertThat(t.ip(h, "-o", "-4", "addr", "show", "dev", "eth0")).contains(" " + h.address() + "/24");
                assertThat(t.ip(h, "-o", "link", "show", "eth0")).contains(h.mac());
            }
            // One L2 segment: the client reaches lb2 through the bridge.
            Process probe = t.start(t.host("client"), List.of("bash", "-c", "exec 3<>/dev/tcp/" + t.host("lb2").address() + "/9"));
            assertThat(probe.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(t.ip(t.host("client"), "neigh", "show", t.host("lb2").address())).contains(t.host("lb2").mac());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(demoNamespaces()).noneMatch(n -> n.contains(id));
    }

    @Test
    void closeKillsStartedProcessesByPidBeforeDeletingNamespaces() {
        Root.assumeRootOrFailOnCi();
        Process sleeper;
        DemoTopology t = DemoTopology.create();
        try (t) {
            sleeper = t.start(t.host("rs1"), List.of("sleep", "600"));
            assertThat(sleeper.isAlive()).isTrue();
        }
        assertThat(sleeper.isAlive()).isFalse();
        assertThatThrownBy(() -> t.start(t.host("rs1"), List.of("true"))).isInstanceOf(IllegalStateException.class);
        assertThat(java.nio.file.Files.exists(t.workDir())).isFalse();
    }

    @Test
    void aHalfBuiltTopologyIsRemoved() {
        Root.assumeRootOrFailOnCi();
        Set<String> before = demoNamespaces();
        // "bad/name" cannot be a namespace name (no "/" in names under /run/netns): the build fails after the switch and lb1 exist.
        assertThatThrownBy(() -> DemoTopology.create(List.of("lb1", "bad/name"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ip netns add");
        assertThat(demoNamespaces()).isSubsetOf(before);
    }
}
