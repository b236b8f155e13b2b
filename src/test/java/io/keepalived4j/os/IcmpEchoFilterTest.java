package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SocketFilter#icmpEchoReply} on real raw sockets: of everything ICMP that reaches the host,
 * only the echo reply with our identifier and sequence number is queued.
 */
@Timeout(20)
class IcmpEchoFilterTest {

    private static final byte[] DATA = new byte[16];

    @Test
    void aRawIpv4SocketQueuesOnlyTheReplyToItsRequest() throws Exception {
        assertOnlyOurReplyIsQueued(false, InetAddress.ofLiteral("127.0.0.1"));
    }

    @Test
    void aRawIpv6SocketQueuesOnlyTheReplyToItsRequest() throws Exception {
        assertOnlyOurReplyIsQueued(true, InetAddress.ofLiteral("::1"));
    }

    private static void assertOnlyOurReplyIsQueued(boolean ipv6, InetAddress loopback) throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("icmp-filter")) {
            // loopback answers no echo request: every reply there is one the test forges
            assertThat(ns.exec("sysctl", "-w", ipv6 ? "net.ipv6.icmp.echo_ignore_all=1"
                    : "net.ipv4.icmp_echo_ignore_all=1").ok()).isTrue();
            int family = ipv6 ? Libc.AF_INET6 : Libc.AF_INET;
            int protocol = ipv6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
            int fd = NetworkNamespace.call(ns.name(), () -> Sockets.open(family, Libc.SOCK_RAW, protocol, "test listener"));
            try (IcmpForger forger = NetworkNamespace.call(ns.name(), () -> IcmpForger.open(ipv6))) {
                SocketFilter.icmpEchoReply(ipv6, 0x1234, 42).attach(fd, "test");

                forger.send(IcmpForger.reply(ipv6, 0x1235, 42, DATA), loopback);   // another pinger's
                forger.send(IcmpForger.reply(ipv6, 0x1234, 41, DATA), loopback);   // an earlier request's
                forger.send(IcmpEcho.request(ipv6, 0x1234, 42, DATA), loopback);   // a request, not a reply
                forger.send(IcmpForger.reply(ipv6, 0x1234, 42, DATA), loopback);   // ours
                Thread.sleep(100);

                List<String> queued = drain(fd, ipv6);
                // type and code (checksum skipped), identifier, sequence
                assertThat(queued).containsExactly((ipv6 ? "8100" : "0000") + "1234" + "002a");
            } finally {
                Sockets.close(fd);
            }
        }
    }

    /** Type, code, identifier and sequence of every queued message (IPv4: after its IP header). */
    private static List<String> drain(int fd, boolean ipv6) {
        List<String> headers = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(2048);
            MemorySegment state = Libc.newCallState(arena);
            while (true) {
                long n = (long) Libc.RECV.invokeExact(state, fd, buffer, 2048L, Libc.MSG_DONTWAIT);
                if (n < 0) {
                    return headers;
                }
                int offset = IcmpEcho.messageOffset(buffer, n, !ipv6);
                byte[] header = buffer.asSlice(offset, IcmpEcho.HEADER).toArray(JAVA_BYTE);
                headers.add(HexFormat.of().formatHex(header, 0, 2) + HexFormat.of().formatHex(header, 4, 8));
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
