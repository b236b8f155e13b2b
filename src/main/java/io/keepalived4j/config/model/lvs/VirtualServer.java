package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code virtual_server} block as keepalived 2.2.7 runs it.
 *
 * <pre>{@code
 * virtual_server 10.0.0.1 80 {      // key = Address(10.0.0.1, 80)
 *     lvs_sched rr                  // scheduler (default wlc, with a warning)
 *     lvs_method DR                 // forwarding (default NAT, with a warning)
 *     protocol TCP                  // protocol (default UDP, with a warning; none for fwmarks)
 *     real_server 10.0.0.2 80 { TCP_CHECK { } }
 * }
 * }</pre>
 *
 * @param key         address+port, fwmark or group
 * @param protocol    empty for fwmark services, where keepalived ignores the protocol
 * @param family      {@code ip_family}, or the family learnt from the addresses; empty when unknown
 * @param scheduler   {@code lvs_sched} / {@code lb_algo}
 * @param flags       scheduler and service flags
 * @param forwarding  default forwarding of the real servers
 * @param persistence persistence settings
 * @param pool        alpha/omega/quorum/hysteresis/inhibit/ha_suspend
 * @param timing      the checker settings this level passes down
 * @param weight      default real server weight (default 1)
 * @param sorryServer the sorry server
 * @param virtualhost default HTTP Host for HTTP_GET/SSL_GET checkers
 * @param smtpAlert   {@code smtp_alert}; empty means the global default (off)
 * @param snmpName    {@code snmp_name}
 * @param realServers the real servers keepalived kept
 * @param position    where the block starts
 */
public record VirtualServer(ServiceKey key, Optional<Protocol> protocol, Optional<IpFamily> family, String scheduler,
                            Set<SchedulerFlag> flags, Forwarding forwarding, Persistence persistence, PoolPolicy pool,
                            CheckTiming timing, long weight, Optional<SorryServer> sorryServer,
                            Optional<String> virtualhost, Optional<Boolean> smtpAlert, Optional<String> snmpName,
                            List<RealServer> realServers, Position position) {

    /** keepalived's default scheduler (IPVS_DEF_SCHED). */
    public static final String DEFAULT_SCHEDULER = "wlc";

    public VirtualServer {
        flags = Set.copyOf(flags);
        realServers = List.copyOf(realServers);
    }

    /** keepalived's {@code FMT_VS()} text, e.g. {@code [10.0.0.1]:tcp:80}. */
    public String describe() {
        return key.describe(protocol);
    }
}
