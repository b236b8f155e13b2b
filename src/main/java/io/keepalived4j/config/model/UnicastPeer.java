package io.keepalived4j.config.model;

import java.net.InetAddress;

/** One {@code unicast_peer} entry, with the optional TTL window keepalived checks adverts against. */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
}
