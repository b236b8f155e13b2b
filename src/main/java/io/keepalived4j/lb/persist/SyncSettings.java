package io.keepalived4j.lb.persist;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where and how the persistence sync runs: the userspace proxy's counterpart of keepalived's
 * {@code lvs_sync_daemon INTERFACE VRRP_INSTANCE [id SYNC_ID] [maxlen LEN] [port PORT] [ttl TTL]
 * [group IP]}, which drives IPVS's sync daemon. The keyword maps onto it as: {@code id} is
 * {@link #syncId} (default: the instance's VRID), {@code port} the listen and peer port (default
 * {@value #DEFAULT_PORT}), {@code group} a multicast peer (default {@value #DEFAULT_GROUP}, joined
 * on {@code INTERFACE}), {@code ttl} {@link #ttl}, {@code maxlen} {@link #maxDatagram}. Unicast peers
 * (the other directors' addresses on their private link) are this design's addition.
 *
 * @param syncId                the cluster's id, 0..255: datagrams of another id are dropped
 * @param nodeId                this director's id (random by default): its own datagrams are ignored
 * @param listen                the local address and port to receive on (and send from)
 * @param peers                 where to send: other directors' unicast addresses, or one multicast group
 * @param multicastInterface    the interface to join a multicast group on (needed with one)
 * @param ttl                   multicast TTL, 1..255
 * @param maxDatagram           the bound on one datagram's UDP payload, 312..65507 bytes
 * @param queueCapacity         templates waiting to be sent; more are dropped (counted)
 * @param maxDatagramsPerSecond the send rate bound (bursts of as many)
 */
public record SyncSettings(int syncId, long nodeId, InetSocketAddress listen, List<InetSocketAddress> peers,
                           Optional<String> multicastInterface, int ttl, int maxDatagram, int queueCapacity,
                           int maxDatagramsPerSecond) {

    /** keepalived's default lvs_sync_daemon port. */
    public static final int DEFAULT_PORT = 8848;
    /** keepalived's default lvs_sync_daemon group. */
    public static final String DEFAULT_GROUP = "224.0.0.81";
    public static final int DEFAULT_MAX_DATAGRAM = 1400;
    /** A header and the largest entry (255-byte service id, two IPv6 addresses). */
    public static final int MIN_MAX_DATAGRAM = SyncCodec.HEADER_BYTES + 1 + 255 + 1 + 16 + 1 + 16 + 2 + 4;
    public static final int MAX_MAX_DATAGRAM = 65507;
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_MAX_DATAGRAMS_PER_SECOND = 1_000;

    public SyncSettings {
        peers = List.copyOf(peers);
        if (listen.isUnresolved()) {
            throw new IllegalArgumentException("the listen address must be an address: " + listen);
        }
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("sync id out of 0..255: " + syncId);
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no peer to sync with");
        }
        for (InetSocketAddress p : peers) {
            if (p.isUnresolved() || p.getPort() == 0) {
                throw new IllegalArgumentException("a peer needs an address and a port: " + p);
            }
            if ((p.getAddress() instanceof Inet4Address) != (listen.getAddress() instanceof Inet4Address)) {
                throw new IllegalArgumentException("peer " + p + " is not of the family of " + listen);
            }
            if (p.getAddress().isMulticastAddress() && multicastInterface.isEmpty()) {
                throw new IllegalArgumentException("multicast group " + p + " needs an interface");
            }
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl out of 1..255: " + ttl);
        }
        if (maxDatagram < MIN_MAX_DATAGRAM || maxDatagram > MAX_MAX_DATAGRAM) {
            throw new IllegalArgumentException("maxDatagram out of " + MIN_MAX_DATAGRAM + ".." + MAX_MAX_DATAGRAM + ": " + maxDatagram);
        }
        if (queueCapacity < 1 || maxDatagramsPerSecond < 1) {
            throw new IllegalArgumentException("queue capacity and rate must be positive");
        }
    }

    /** Unicast sync with the defaults and a random node id. */
    public static SyncSettings unicast(int syncId, InetSocketAddress listen, List<InetSocketAddress> peers) {
        return new SyncSettings(syncId, ThreadLocalRandom.current().nextLong(), listen, peers, Optional.empty(), 1,
                DEFAULT_MAX_DATAGRAM, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_DATAGRAMS_PER_SECOND);
    }

    public SyncSettings withNodeId(long id) {
        return new SyncSettings(syncId, id, listen, peers, multicastInterface, ttl, maxDatagram, queueCapacity, maxDatagramsPerSecond);
    }

    public SyncSettings withMaxDatagram(int bytes) {
        return new SyncSettings(syncId, nodeId, listen, peers, multicastInterface, ttl, bytes, queueCapacity, maxDatagramsPerSecond);
    }

    public SyncSettings withQueue(int capacity, int datagramsPerSecond) {
        return new SyncSettings(syncId, nodeId, listen, peers, multicastInterface, ttl, maxDatagram, capacity, datagramsPerSecond);
    }

    boolean multicast() {
        return peers.stream().anyMatch(p -> p.getAddress().isMulticastAddress());
    }
}
