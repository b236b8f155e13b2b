package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.UdpCheck;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code UDP_CHECK} as keepalived 2.2.7's check_udp.c (with layer4.c's udp_bind_connect() and
 * udp_socket_state()) runs it: a connected UDP socket sends the payload, then waits once, up to
 * connect_timeout, for one datagram or an error.
 * <ul>
 *   <li>an error, above all the ICMP port unreachable the kernel turns into ECONNREFUSED: down;</li>
 *   <li>nothing within the timeout: up, unless {@code require_reply} is set;</li>
 *   <li>a datagram: up, unless {@code require_reply} has a pattern the reply does not match
 *       ({@link UdpReplyPattern}: pattern, then min_reply_length and max_reply_length; without a
 *       pattern 2.2.7 checks neither length, and neither do we).</li>
 * </ul>
 * Without a {@code payload} 2.2.7 sends 32 bytes of {@code "keepalived check - "} repeated, and so
 * do we.
 *
 * <pre>{@code
 * HealthCheck udp = new UdpHealthCheck(config, "[10.0.0.2]:udp:161");
 * CheckResult r = udp.attempt();   // Down("UDP check to [10.0.0.2]:udp:161 reply data mismatch.")
 * }</pre>
 *
 * <p><b>Time and memory.</b> One send and one receive of at most connect_timeout: an attempt ends
 * within connect_timeout. The reply is read into max_reply_length + 1 bytes (at most 64 KiB), so a
 * longer one is seen as too long; without require_reply into one byte.
 *
 * <p><b>Lines.</b> 2.2.7's: {@code UDP connection to <server> failed.} or {@code UDP check to
 * <server> reply data mismatch.} per failure, {@code UDP connection to <server> success.} when it
 * comes up, {@code UDP_CHECK on service <server> failed after N retries.} (or {@code failed.})
 * when it goes down.
 */
public final class UdpHealthCheck implements HealthCheck {

    /** layer4.c UDP_BUFSIZE: what is sent when no payload is configured. */
    static final int DEFAULT_PAYLOAD_LENGTH = 32;

    private final ConnectionOptions connection;
    private final String server;
    private final byte[] payload;
    private final boolean requireReply;
    private final Optional<UdpReplyPattern> pattern;
    private final int minReplyLength;
    private final int maxReplyLength;

    /**
     * @param config the checker's configuration
     * @param server keepalived's FMT_CHK text of the real server, e.g. {@code [10.0.0.2]:udp:161}
     */
    public UdpHealthCheck(UdpCheck config, String server) {
        this.connection = config.connection();
        this.server = server;
        this.payload = config.payload().map(HexFormat.of()::parseHex)
                .orElseGet(() -> KeepalivedFiller.bytes(DEFAULT_PAYLOAD_LENGTH));
        this.requireReply = config.requireReply();
        this.pattern = config.replyPattern().filter(p -> config.requireReply()).map(UdpReplyPattern::of);
        this.minReplyLength = config.minReplyLength();
        this.maxReplyLength = config.maxReplyLength();
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        byte[] buffer = new byte[requireReply ? maxReplyLength + 1 : 1];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            if (connection.bindTo().isPresent() || connection.bindPort() != 0) {
                socket.bind(new InetSocketAddress(connection.bindTo().orElse(null), connection.bindPort()));
            }
            socket.connect(new InetSocketAddress(connection.address(), connection.port()));
            socket.send(new DatagramPacket(payload, payload.length));
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, connection.connectTimeout().toMillis())));
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            interruptedCheck();
            // udp_socket_state(): a read timeout is success unless a reply is required
            return requireReply ? connectionFailed() : CheckResult.up();
        } catch (IOException e) {
            interruptedCheck();
            return connectionFailed(); // ECONNREFUSED (ICMP port unreachable), bind, connect or send errors
        } catch (RuntimeException e) {
            // not an I/O outcome (a bad port in the configuration, a JDK surprise): say what it was
            return CheckResult.down("UDP connection to " + server + " failed. (" + e + ")");
        }
        if (pattern.isPresent() && !pattern.get().matches(buffer, reply.getLength(), minReplyLength, maxReplyLength)) {
            return CheckResult.down("UDP check to " + server + " reply data mismatch.");
        }
        return CheckResult.up();
    }

    private CheckResult.Down connectionFailed() {
        return CheckResult.down("UDP connection to " + server + " failed.");
    }

    private static void interruptedCheck() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("UDP_CHECK attempt interrupted");
        }
    }

    @Override
    public Optional<String> upLine() {
        return Optional.of("UDP connection to " + server + " success.");
    }

    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.of(retries > 0
                ? "UDP_CHECK on service " + server + " failed after " + retries + " retries."
                : "UDP_CHECK on service " + server + " failed.");
    }

    @Override
    public String upAlert() {
        return "=> UDP CHECK succeed on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> UDP CHECK failed on service <=";
    }

    /** Once down, keepalived's epilog waits max(delay_before_retry, delay_loop) and counts no retries. */
    @Override
    public boolean retriesWhileDown() {
        return false;
    }
}
