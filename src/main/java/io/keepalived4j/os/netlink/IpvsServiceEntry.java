package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * A service as the kernel reports it (IPVS_CMD_GET_SERVICE): its settings, with the kernel's own
 * {@link IpvsFlags#HASHED} bit, and its counters when the reply has them.
 */
public record IpvsServiceEntry(IpvsService service, Optional<IpvsStats> stats) {}
