package io.keepalived4j.lb.persist;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One template on the wire: service, masked client, destination, how long it has left.
 *
 * @param service         the service id, 1..255 bytes of UTF-8
 * @param client          the masked client address
 * @param destination     the real server (a resolved address; port 0 for an all-ports service)
 * @param remainingMillis lifetime left when sent, 0..2^32-1 ms
 */
public record SyncEntry(String service, InetAddress client, InetSocketAddress destination, long remainingMillis) {

    public static final int MAX_SERVICE_BYTES = 255;
    public static final long MAX_REMAINING_MILLIS = 0xffff_ffffL;

    public SyncEntry {
        int n = service.getBytes(StandardCharsets.UTF_8).length;
        if (n < 1 || n > MAX_SERVICE_BYTES) {
            throw new IllegalArgumentException("service id must be 1.." + MAX_SERVICE_BYTES + " bytes of UTF-8: " + service);
        }
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("unresolved destination " + destination);
        }
        if (remainingMillis < 0 || remainingMillis > MAX_REMAINING_MILLIS) {
            throw new IllegalArgumentException("remaining lifetime out of range: " + remainingMillis);
        }
    }

    /** Bytes this entry takes in a datagram. */
    int wireSize() {
        return 1 + service.getBytes(StandardCharsets.UTF_8).length
                + 1 + client.getAddress().length
                + 1 + destination.getAddress().getAddress().length + 2
                + 4;
    }
}
