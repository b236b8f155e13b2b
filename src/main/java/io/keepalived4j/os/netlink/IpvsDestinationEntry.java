package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * A destination as the kernel reports it (IPVS_CMD_GET_DEST): its settings, the connection
 * counts {@code ipvsadm -ln} shows (ActiveConn, InActConn, and persistence templates), and its
 * counters when the reply has them.
 */
public record IpvsDestinationEntry(IpvsDestination destination, int activeConnections, int inactiveConnections,
                                   int persistentConnections, Optional<IpvsStats> stats) {}
