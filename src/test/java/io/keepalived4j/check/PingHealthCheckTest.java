package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.LOOPBACK4;
import static io.keepalived4j.check.CheckConfigs.LOOPBACK6;
import static io.keepalived4j.check.CheckConfigs.TIMEOUT;
import static io.keepalived4j.check.CheckConfigs.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.os.NetworkNamespace;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs root (raw ICMP sockets on the host, a namespace where loopback ignores echo requests). */
@Timeout(20)
class PingHealthCheckTest {

    private static final String VS = "[10.0.0.1]:tcp:80";

    @Test
    void ipv4LoopbackAnswersAndIsUp() throws Exception {
        Root.assumeRootOrFailOnCi();

        assertThat(check(LOOPBACK4).attempt()).isEqualTo(CheckResult.up());
    }

    @Test
    void ipv6LoopbackAnswersAndIsUp() throws Exception {
        Root.assumeRootOrFailOnCi();

        assertThat(check(LOOPBACK6).attempt()).isEqualTo(CheckResult.up());
    }

    @Test
    void aHostThatIgnoresEchoRequestsTimesOutWithinConnectTimeout() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("ping-silent")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            assertThat(ns.exec("sysctl", "-w", "net.ipv6.icmp.echo_ignore_all=1").ok()).isTrue();
            for (InetAddress target : new InetAddress[] {LOOPBACK4, LOOPBACK6}) {
                PingHealthCheck check = check(target);
                long start = System.nanoTime();
                CheckResult r = NetworkNamespace.call(ns.name(), check::attempt);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(r).isEqualTo(CheckResult.down("ICMP connection to address " + server(target) + " timeout."));
                assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusMillis(700));
            }
        }
    }

    @Test
    void anUnreachableNetworkIsASendFailure() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("ping-noroute")) {
            // with its other links down the namespace has no route but loopback's: sendto() fails at
            // once with ENETUNREACH and nothing leaves
            for (int i = 0; i < NetNs.INTERFACES; i++) {
                assertThat(ns.exec("ip", "link", "set", "eth" + i, "down").ok()).isTrue();
            }
            InetAddress far4 = InetAddress.ofLiteral("198.51.100.7");
            InetAddress far6 = InetAddress.ofLiteral("2001:db8::7");

            assertThat(NetworkNamespace.call(ns.name(), check(far4)::attempt))
                    .isEqualTo(CheckResult.down("send ICMP packet fail"));
            assertThat(NetworkNamespace.call(ns.name(), check(far6)::attempt))
                    .isEqualTo(CheckResult.down("send ICMPv6 packet fail - errno 101"));
        }
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedException() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("ping-interrupt")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            PingHealthCheck slow = new PingHealthCheck(ping(LOOPBACK4, Duration.ofSeconds(30)), server(LOOPBACK4), VS);
            CompletableFuture<Thread> worker = new CompletableFuture<>();
            CompletableFuture<CheckResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return NetworkNamespace.call(ns.name(), () -> {
                        worker.complete(Thread.currentThread());
                        return slow.attempt();
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread t = worker.get(5, TimeUnit.SECONDS);
            Thread.sleep(100);
            t.interrupt();

            assertThatThrownBy(() -> result.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().cause().isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void linesAndAlertsAre2_2_7s() {
        PingHealthCheck check = check(LOOPBACK4);
        CheckResult.Down last = CheckResult.down("ICMP connection to address [127.0.0.1]:tcp:80 timeout.");

        assertThat(check.upLine()).hasValue("ICMP connection to [127.0.0.1]:tcp:80 success.");
        assertThat(check.downLine(1, last))
                .hasValue("ICMP CHECK on service [127.0.0.1]:tcp:80 of [10.0.0.1]:tcp:80 failed after 1 retries.");
        assertThat(check.downLine(0, last)).hasValue("ICMP CHECK on service [127.0.0.1]:tcp:80 failed.");
        assertThat(check.upAlert()).isEqualTo("=> ICMP CHECK succeed on service <=");
        assertThat(check.downAlert(last)).isEqualTo("=> ICMP CHECK failed on service <=");
        assertThat(check.logsFinalFailure()).isFalse();
    }

    private static PingHealthCheck check(InetAddress target) {
        return new PingHealthCheck(ping(target, TIMEOUT), server(target), VS);
    }

    private static String server(InetAddress target) {
        return "[" + (target.getAddress().length == 16 ? "::1" : target.getHostAddress()) + "]:tcp:80";
    }
}
