package io.keepalived4j.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two DNS messages DNS_CHECK handles (RFC 1035 section 4.1): the query it sends, built as
 * keepalived 2.2.7's dns_make_query() does, and the verdict on what comes back, as dns_recv_thread()
 * decides it. Pure: bytes in, bytes and verdicts out.
 *
 * <pre>
 * header: id(2) flags(2: QR opcode AA TC RD RA Z RCODE) qdcount(2) ancount(2) nscount(2) arcount(2)
 * question: QNAME (length-prefixed labels, 0) QTYPE(2) QCLASS(2)
 * </pre>
 */
final class DnsMessages {

    static final int HEADER = 12;
    /** RD, recursion desired: the only flag the query sets. */
    static final int FLAG_RD = 0x0100;
    static final int FLAG_QR = 0x8000;
    static final int CLASS_IN = 1;
    /** RFC 1035 section 2.3.4. */
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255;

    /** What a received datagram is to our query. */
    enum Verdict {
        /** Our id, a response, RCODE 0: the server works. */
        ANSWERED,
        /** Our id, a response, RCODE not 0 ({@link #rcode}): the server failed. */
        FAILED,
        /** Shorter than a header: ignored, the wait goes on (2.2.7 too). */
        TOO_SHORT,
        /** Another id: ignored. */
        OTHER_ID,
        /** QR not set, a query: ignored. */
        NOT_A_RESPONSE
    }

    private DnsMessages() {
    }

    /**
     * A query for {@code name} of type {@code qtype}, class IN, with RD set. {@code "."} (and the
     * empty name) is the root; a trailing dot is optional. Empty when the name cannot be written
     * (an empty label, a label over 63 bytes, a name over 255), which 2.2.7 would send garbled.
     */
    static Optional<byte[]> query(int id, String name, int qtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put16(out, id);
        put16(out, FLAG_RD);
        put16(out, 1);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        Optional<byte[]> qname = qname(name);
        if (qname.isEmpty()) {
            return Optional.empty();
        }
        out.writeBytes(qname.get());
        put16(out, qtype);
        put16(out, CLASS_IN);
        return Optional.of(out.toByteArray());
    }

    static Optional<byte[]> qname(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.UTF_8);
                if (b.length == 0 || b.length > MAX_LABEL) {
                    return Optional.empty();
                }
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.size() > MAX_NAME ? Optional.empty() : Optional.of(out.toByteArray());
    }

    /**
     * dns_recv_thread()'s decision on the first {@code length} bytes of a datagram: only the header
     * counts (2.2.7 reads neither the question nor the answers).
     */
    static Verdict classify(byte[] message, int length, int id) {
        if (length < HEADER) {
            return Verdict.TOO_SHORT;
        }
        if (u16(message, 0) != id) {
            return Verdict.OTHER_ID;
        }
        int flags = u16(message, 2);
        if ((flags & FLAG_QR) == 0) {
            return Verdict.NOT_A_RESPONSE;
        }
        return rcode(message) == 0 ? Verdict.ANSWERED : Verdict.FAILED;
    }

    /** The response code, the low four bits of the flags. */
    static int rcode(byte[] message) {
        return message[3] & 0x0f;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void put16(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xff);
        out.write(value & 0xff);
    }
}
