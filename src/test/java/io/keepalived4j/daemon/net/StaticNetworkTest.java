package io.keepalived4j.daemon.net;

import io.keepalived4j.os.netlink.NamespaceFixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.daemon.net.NetResult.Outcome;
import io.keepalived4j.os.netlink.LinkMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** static_ipaddress/static_routes/static_rules set at start, restored when deleted, removed at stop. */
class StaticNetworkTest {

    private static final String CONFIG = """
            global_defs {
             default_interface eth1
            }
            static_ipaddress {
             10.240.0.10/24 dev eth0
             10.241.0.10/24 no_track
            }
            static_routes {
             10.242.0.0/16 via 10.240.0.254 dev eth0
            }
            static_rules {
             from 10.242.0.0/16 table 200 preference 2000
            }
            """;

    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static KeepalivedConfig config() {
        return Configs.load(CONFIG);
    }

    /** Polls {@code ip} output until {@code test} holds or a second has passed; returns the last output. */
    private static String awaitIp(NamespaceFixture f, Predicate<String> test, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String out = f.ip(args);
        while (!test.test(out) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            out = f.ip(args);
        }
        return out;
    }

    @Test
    void appliesAddressesRoutesAndRulesWithDefaultInterface() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("static")) {
            StaticNetwork statics = StaticNetwork.of(config(), f.rt, Runnable::run);

            List<NetResult> results = statics.apply();

            assertThat(results).extracting(NetResult::outcome).containsOnly(Outcome.ADDED).hasSize(4);
            assertThat(f.ip("-o", "addr", "show", "dev", "eth0")).contains("inet 10.240.0.10/24 scope global eth0");
            assertThat(f.ip("-o", "addr", "show", "dev", "eth1")).contains("inet 10.241.0.10/24 scope global eth1");
            assertThat(f.ip("route")).contains("10.242.0.0/16 via 10.240.0.254 dev eth0 proto keepalived");
            assertThat(f.ip("rule")).contains("2000:\tfrom 10.242.0.0/16 lookup 200");
            assertThat(statics.apply()).extracting(NetResult::outcome).containsOnly(Outcome.ALREADY_PRESENT);
        }
    }

    @Test
    void restoresADeletedStaticAddressWithinASecondButNotANoTrackOne() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("static");
             ExecutorService loop = Executors.newSingleThreadExecutor()) {
            StaticNetwork statics = StaticNetwork.of(config(), f.rt, loop);
            statics.apply();
            try (LinkMonitor monitor = LinkMonitor.startInNamespace(NamespaceFixture.netnsFile(f.ns), statics)) {
                f.ip("addr", "del", "10.240.0.10/24", "dev", "eth0");
                f.ip("addr", "del", "10.241.0.10/24", "dev", "eth1");

                assertThat(awaitIp(f, o -> o.contains("10.240.0.10/24"), "-o", "addr", "show", "dev", "eth0"))
                        .contains("inet 10.240.0.10/24 scope global eth0");
                Thread.sleep(200); // the untracked one would have been restored by now, too
                assertThat(f.ip("-o", "addr", "show", "dev", "eth1")).doesNotContain("10.241.0.10");
            }
        }
    }

    @Test
    void restoresStaticRoutesWhenTheirInterfaceComesBackUp() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("static");
             ExecutorService loop = Executors.newSingleThreadExecutor()) {
            StaticNetwork statics = StaticNetwork.of(config(), f.rt, loop);
            statics.apply();
            try (LinkMonitor monitor = LinkMonitor.startInNamespace(NamespaceFixture.netnsFile(f.ns), statics)) {
                f.ip("link", "set", "eth0", "down");
                // the kernel flushes a downed link's routes
                assertThat(awaitIp(f, o -> !o.contains("10.242.0.0/16"), "route")).doesNotContain("10.242.0.0/16");
                Thread.sleep(100); // let the monitor see the link down before it comes back
                f.ip("link", "set", "eth0", "up");

                assertThat(awaitIp(f, o -> o.contains("10.242.0.0/16"), "route"))
                        .contains("10.242.0.0/16 via 10.240.0.254 dev eth0 proto keepalived");
                assertThat(f.ip("-o", "addr", "show", "dev", "eth0")).contains("inet 10.240.0.10/24");
            }
        }
    }

    @Test
    void removeAtStopTakesThemAwayAndDoesNotRestoreThem() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("static");
             ExecutorService loop = Executors.newSingleThreadExecutor()) {
            f.ip("addr", "add", "10.240.0.99/24", "dev", "eth0");
            StaticNetwork statics = StaticNetwork.of(config(), f.rt, loop);
            statics.apply();
            try (LinkMonitor monitor = LinkMonitor.startInNamespace(NamespaceFixture.netnsFile(f.ns), statics)) {
                List<NetResult> removed = statics.remove();

                assertThat(removed).extracting(NetResult::outcome).containsOnly(Outcome.REMOVED).hasSize(4);
                Thread.sleep(300); // time for a wrong restore to happen
                assertThat(f.ip("-o", "addr")).doesNotContain("10.240.0.10/").doesNotContain("10.241.0.10/")
                        .contains("inet 10.240.0.99/24");
                assertThat(f.ip("route")).doesNotContain("10.242.0.0/16");
                assertThat(f.ip("rule")).doesNotContain("2000:");
            }
        }
    }
}
