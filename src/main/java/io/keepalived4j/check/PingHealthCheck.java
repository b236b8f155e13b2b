package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.PingCheck;
import io.keepalived4j.os.IcmpEchoSocket;
import io.keepalived4j.os.NativeException;

import java.net.Inet6Address;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code PING_CHECK} as keepalived 2.2.7's check_ping.c runs it: one ICMP (IPv4) or ICMPv6 echo
 * request with 128 bytes of data to connect_ip, then up to connect_timeout for its echo reply.
 * The socket is an {@link IcmpEchoSocket}: a ping socket where ping_group_range allows it, else a
 * raw one (as root); either way only a reply carrying our identifier and sequence number counts,
 * and everything else that arrives is dropped while the wait goes on.
 *
 * <pre>{@code
 * HealthCheck ping = new PingHealthCheck(config, "[10.0.0.2]:tcp:80", "[10.0.0.1]:tcp:80");
 * CheckResult r = ping.attempt();   // Down("ICMP connection to address [10.0.0.2]:tcp:80 timeout.")
 * }</pre>
 *
 * <p><b>Time and memory.</b> One send and a wait of at most connect_timeout; the socket's buffers
 * are allocated once and sized for one reply.
 *
 * <p><b>Differences.</b> 2.2.7 fails on the first message that is not an echo reply; a ping socket
 * only ever delivers echo replies, so there it cannot happen, and here other messages are ignored
 * on raw sockets too. 2.2.7 widens net.ipv4.ping_group_range when it reads a PING_CHECK; we leave
 * it alone and use a raw socket where it does not admit us. A socket that cannot be opened (2.2.7
 * logs {@code ICMP connect fail to create socket. Rescheduling.} and changes nothing) counts here
 * as a failed attempt, with the reason in the line. Like 2.2.7, bindto, bind_port and bind_if are
 * not used by this check.
 *
 * <p><b>Lines.</b> 2.2.7's: {@code ICMP connection to address <server> timeout.} or {@code ICMP
 * connection to <server> of <virtual server> failed.} per failure, {@code ICMP connection to
 * <server> success.} when it comes up, {@code ICMP CHECK on service <server> of <virtual server>
 * failed after N retries.} (or {@code ICMP CHECK on service <server> failed.}) when it goes down.
 */
public final class PingHealthCheck implements HealthCheck {

    /** check_ping.c ICMP_BUFSIZE: the echo data, keepalived's filler. */
    static final int DATA_LENGTH = 128;
    private static final byte[] DATA = KeepalivedFiller.bytes(DATA_LENGTH);
    // check_ping.c's seq_no: one counter for all PING_CHECKs of the process.
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ConnectionOptions connection;
    private final String server;
    private final String virtualServer;
    private final boolean ipv6;

    /**
     * @param config        the checker's configuration
     * @param server        keepalived's FMT_CHK text of the real server, e.g. {@code [10.0.0.2]:tcp:80}
     * @param virtualServer keepalived's FMT_VS text of its virtual server, e.g. {@code [10.0.0.1]:tcp:80}
     */
    public PingHealthCheck(PingCheck config, String server, String virtualServer) {
        this.connection = config.connection();
        this.server = server;
        this.virtualServer = virtualServer;
        this.ipv6 = connection.address() instanceof Inet6Address;
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        IcmpEchoSocket socket;
        try {
            socket = IcmpEchoSocket.open(ipv6);
        } catch (NativeException | RuntimeException e) {
            return CheckResult.down("ICMP" + (ipv6 ? "v6" : "") + " connect fail to create socket: " + e.getMessage());
        }
        try (socket) {
            try {
                socket.sendRequest(connection.address(), SEQUENCE.getAndIncrement() & 0xffff, DATA);
            } catch (NativeException e) {
                // 2.2.7 logs "send ICMP packet fail" and fails the attempt without its failure line
                return CheckResult.down(ipv6 ? "send ICMPv6 packet fail - errno " + e.errno()
                        : "send ICMP packet fail");
            }
            if (socket.awaitReply(connection.connectTimeout())) {
                return CheckResult.up();
            }
            return CheckResult.down("ICMP connection to address " + server + " timeout.");
        } catch (NativeException | RuntimeException e) {
            return CheckResult.down("ICMP connection to " + server + " of " + virtualServer + " failed.");
        }
    }

    @Override
    public Optional<String> upLine() {
        return Optional.of("ICMP connection to " + server + " success.");
    }

    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.of(retries > 0
                ? "ICMP CHECK on service " + server + " of " + virtualServer + " failed after " + retries + " retries."
                : "ICMP CHECK on service " + server + " failed.");
    }

    @Override
    public String upAlert() {
        return "=> ICMP CHECK succeed on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> ICMP CHECK failed on service <=";
    }

    /** Once down, keepalived's epilog waits max(delay_before_retry, delay_loop) and counts no retries. */
    @Override
    public boolean retriesWhileDown() {
        return false;
    }
}
