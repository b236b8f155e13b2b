package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs root: ping_group_range admits nobody by default, so on the host these are raw sockets. */
@Timeout(20)
class IcmpEchoSocketTest {

    private static final InetAddress LOOPBACK4 = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress LOOPBACK6 = InetAddress.ofLiteral("::1");
    private static final byte[] DATA = new byte[56];

    @Test
    void aRawSocketGetsTheReplyFromIpv4AndIpv6Loopback() throws Exception {
        Root.assumeRootOrFailOnCi();
        for (InetAddress target : new InetAddress[] {LOOPBACK4, LOOPBACK6}) {
            try (IcmpEchoSocket s = IcmpEchoSocket.open(target.getAddress().length == 16, IcmpEchoSocket.Kind.RAW)) {
                s.sendRequest(target, 7, DATA);

                assertThat(s.awaitReply(Duration.ofSeconds(2))).as("%s", target).isTrue();
            }
        }
    }

    @Test
    void whereThePingGroupRangeAdmitsUsItIsAPingSocket() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-dgram")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.ping_group_range=0 2147483647").ok()).isTrue();
            for (InetAddress target : new InetAddress[] {LOOPBACK4, LOOPBACK6}) {
                boolean ipv6 = target.getAddress().length == 16;
                boolean replied = NetworkNamespace.call(ns.name(), () -> {
                    try (IcmpEchoSocket s = IcmpEchoSocket.open(ipv6)) {
                        assertThat(s.kind()).isEqualTo(IcmpEchoSocket.Kind.DATAGRAM);
                        s.sendRequest(target, 1, DATA);
                        return s.awaitReply(Duration.ofSeconds(2));
                    }
                });
                assertThat(replied).as("%s", target).isTrue();
            }
        }
    }

    @Test
    void whereItDoesNotItIsARawSocket() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-raw")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.ping_group_range=1 0").ok()).isTrue();
            IcmpEchoSocket.Kind kind = NetworkNamespace.call(ns.name(), () -> {
                try (IcmpEchoSocket s = IcmpEchoSocket.open(false)) {
                    return s.kind();
                }
            });
            assertThat(kind).isEqualTo(IcmpEchoSocket.Kind.RAW);
        }
    }

    @Test
    void withoutAReplyTheWaitEndsAtItsTimeout() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-silent")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            long start = System.nanoTime();
            boolean replied = NetworkNamespace.call(ns.name(), () -> {
                try (IcmpEchoSocket s = IcmpEchoSocket.open(false)) {
                    s.sendRequest(LOOPBACK4, 1, DATA);
                    return s.awaitReply(Duration.ofMillis(300));
                }
            });
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(replied).isFalse();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRawSocketDropsRepliesToOthersAndForgeriesButTakesItsOwn() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-flood")) {
            // loopback does not answer: every echo reply there is one the test forges
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            IcmpEchoSocket s = NetworkNamespace.call(ns.name(), () -> IcmpEchoSocket.open(false, IcmpEchoSocket.Kind.RAW));
            IcmpForger forger = NetworkNamespace.call(ns.name(), () -> IcmpForger.open(false));
            try {
                int id = s.identifier();
                s.sendRequest(LOOPBACK4, 42, DATA);
                AtomicBoolean flooding = new AtomicBoolean(true);
                Thread flood = Thread.ofPlatform().start(() -> {
                    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (flooding.get() && System.nanoTime() < end) {
                        forger.send(reply(id ^ 1, 42), LOOPBACK4);   // someone else's
                        forger.send(reply(id, 43), LOOPBACK4);       // ours, an older or later sequence
                    }
                });
                try {
                    byte[] corrupt = reply(id, 42);
                    corrupt[corrupt.length - 1] ^= 1;
                    for (int i = 0; i < 5; i++) {
                        forger.send(corrupt, LOOPBACK4);             // ours, damaged on the way
                    }
                    long start = System.nanoTime();
                    boolean replied = s.awaitReply(Duration.ofMillis(300));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    assertThat(replied).isFalse();
                    assertThat(took).isLessThan(Duration.ofSeconds(1));

                    forger.send(reply(id, 42), LOOPBACK4);           // the real one, in the middle of the flood
                    assertThat(s.awaitReply(Duration.ofSeconds(2))).isTrue();
                } finally {
                    flooding.set(false);
                    flood.join();
                }
            } finally {
                s.close();
                forger.close();
            }
        }
    }

    @Test
    void closingTheSocketEndsAWaitInProgress() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-close")) {
            assertThat(ns.exec("sysctl", "-w", "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            IcmpEchoSocket s = NetworkNamespace.call(ns.name(), () -> IcmpEchoSocket.open(false));
            try {
                s.sendRequest(LOOPBACK4, 1, DATA);
                CompletableFuture<Boolean> wait = CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.awaitReply(Duration.ofSeconds(30));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(100);
                s.close();

                assertThat(wait.get(2, TimeUnit.SECONDS)).isFalse();
            } finally {
                s.close();
            }
        }
    }

    private static byte[] reply(int id, int sequence) {
        return IcmpForger.reply(false, id, sequence, DATA);
    }
}
