package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.DnsCheck;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * {@code DNS_CHECK} as keepalived 2.2.7's check_dns.c runs it: one UDP query (a random id, RD set,
 * one question: the configured name, type and class IN) on a connected socket, then datagrams are
 * read until one carries our id with QR set: RCODE 0 is success, any other RCODE failure.
 * Datagrams shorter than a header, with another id or without QR are ignored and the wait goes on.
 * 2.2.7 reads nothing past the header (not the question, not the answers), nor do we.
 *
 * <pre>{@code
 * HealthCheck dns = new DnsHealthCheck(config, "[10.0.0.2]:udp:53");
 * CheckResult r = dns.attempt();   // Down("DNS_CHECK ([10.0.0.2]:udp:53) read error occurred. (rcode = 2)")
 * }</pre>
 *
 * <p><b>Time and memory.</b> Sending and all the reading end connect_timeout after the attempt
 * starts, however many datagrams arrive (2.2.7 keeps that deadline too); each datagram is read into
 * one 768-byte buffer (DNS_BUFFER_SIZE), longer ones are cut, which does not matter for the header.
 *
 * <p><b>Differences.</b> 2.2.7 ignores datagrams shorter than {@code sizeof} a pointer (8 bytes,
 * a slip for the 12-byte header it means); here anything under 12 bytes is ignored, so a 8-11 byte
 * datagram cannot pass as an answer. A name that cannot be written in a query (a label over 63
 * bytes, a name over 255), which 2.2.7 would send garbled, fails every attempt with a line saying so.
 *
 * <p><b>Lines.</b> {@code DNS_CHECK (<server>) <message>} with 2.2.7's dns_final() messages; the
 * failure that takes the check down is logged even without log_all_failures, and the down line is
 * that failure with {@code  after N retries} appended, as dns_final() words it. There is no up line.
 */
public final class DnsHealthCheck implements HealthCheck {

    /** DNS_BUFFER_SIZE in check_dns.h. */
    static final int BUFFER = 768;
    private static final SecureRandom IDS = new SecureRandom();

    private final ConnectionOptions connection;
    private final DnsCheck config;
    private final String prefix;

    /**
     * @param config the checker's configuration
     * @param server keepalived's FMT_CHK text of the real server, e.g. {@code [10.0.0.2]:udp:53}
     */
    public DnsHealthCheck(DnsCheck config, String server) {
        this.config = config;
        this.connection = config.connection();
        this.prefix = "DNS_CHECK (" + server + ") ";
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        try {
            return query();
        } catch (RuntimeException e) {
            // not an I/O outcome (a bad port in the configuration, a JDK surprise): say what it was
            return failed("connection error. (" + e + ")");
        }
    }

    private CheckResult query() throws InterruptedException {
        long deadline = System.nanoTime() + connection.connectTimeout().toNanos();
        int id = IDS.nextInt(1 << 16);
        Optional<byte[]> query = DnsMessages.query(id, config.name(), config.type().code());
        if (query.isEmpty()) {
            return failed("cannot write the name '" + config.name() + "' in a query (a label over 63 bytes"
                    + " or a name over 255).");
        }
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(null);
        } catch (SocketException e) {
            return failed("failed to create socket.");
        }
        try (socket) {
            try {
                if (connection.bindTo().isPresent() || connection.bindPort() != 0) {
                    socket.bind(new InetSocketAddress(connection.bindTo().orElse(null), connection.bindPort()));
                }
                socket.connect(new InetSocketAddress(connection.address(), connection.port()));
            } catch (SocketException e) {
                interruptedCheck();
                String text = String.valueOf(e.getMessage());
                return text.contains("unreachable") || e instanceof NoRouteToHostException
                        ? failed("network unreachable for " + SockaddrText.pair(connection.address(), connection.port()))
                        : failed("UDP socket bind failed.");
            }
            try {
                socket.send(new DatagramPacket(query.get(), query.get().length));
            } catch (IOException e) {
                interruptedCheck();
                return failed("failed to write socket.");
            }
            return awaitAnswer(socket, id, deadline);
        }
    }

    private CheckResult awaitAnswer(DatagramSocket socket, int id, long deadline) throws InterruptedException {
        byte[] buffer = new byte[BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return failed("read timeout from socket");
            }
            try {
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000)));
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                interruptedCheck();
                return failed("read timeout from socket");
            } catch (IOException e) {
                interruptedCheck();
                return failed("failed to read socket; " + errnoText(e));
            }
            switch (DnsMessages.classify(buffer, packet.getLength(), id)) {
                case ANSWERED -> {
                    return CheckResult.up();
                }
                case FAILED -> {
                    return failed("read error occurred. (rcode = " + DnsMessages.rcode(buffer) + ")");
                }
                case TOO_SHORT, OTHER_ID, NOT_A_RESPONSE -> {
                    // not ours, or not an answer: keep waiting until the deadline
                }
            }
        }
    }

    // 2.2.7 prints "errno %d (%s)"; the JDK reports the errno as an exception type.
    private static String errnoText(IOException e) {
        if (e instanceof PortUnreachableException) {
            return "errno 111 (Connection refused)";
        }
        if (e instanceof NoRouteToHostException) {
            return "errno 113 (No route to host)";
        }
        return String.valueOf(e.getMessage());
    }

    private CheckResult.Down failed(String message) {
        return CheckResult.down(prefix + message);
    }

    private static void interruptedCheck() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("DNS_CHECK attempt interrupted");
        }
    }

    /** None: 2.2.7 logs nothing when DNS_CHECK succeeds. */
    @Override
    public Optional<String> upLine() {
        return Optional.empty();
    }

    /**
     * dns_final(): the failure that took the check down with {@code  after N retries}, e.g.
     * {@code DNS_CHECK ([10.0.0.2]:udp:53) read timeout from socket after 3 retries}; without a
     * retry, the failure as it is. (2.2.7 logs this one line in place of the plain failure.)
     */
    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.of(retries > 0 ? last.line() + " after " + retries + " retries" : last.line());
    }

    @Override
    public String upAlert() {
        return "=> DNS_CHECK: succeed on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> DNS_CHECK: failed on service <=";
    }

    @Override
    public boolean logsFinalFailure() {
        return true;
    }

    /** Once down, keepalived's epilog waits max(delay_before_retry, delay_loop) and counts no retries. */
    @Override
    public boolean retriesWhileDown() {
        return false;
    }
}
