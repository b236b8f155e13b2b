package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.Script;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code real_server IP [PORT] { ... }} with the virtual server's defaults applied.
 *
 * @param address          its address
 * @param port             its port after keepalived's rules: NAT and DR servers without a port
 *                         take the virtual server's, fwmark services clear it (0)
 * @param weight           {@code weight}, else the virtual server's {@code weight} (default 1)
 * @param forwarding       {@code lvs_method}, else the virtual server's
 * @param upperThreshold   {@code uthreshold}: connection limit
 * @param lowerThreshold   {@code lthreshold}
 * @param inhibitOnFailure own setting, else the virtual server's
 * @param alpha            own setting, else the virtual server's
 * @param timing           own checker settings over the virtual server's
 * @param notifyUp         {@code notify_up} script
 * @param notifyDown       {@code notify_down} script
 * @param smtpAlert        {@code smtp_alert}; empty means the global default, which for real
 *                         servers is <b>on</b> (keepalived keeps this for backward compatibility)
 * @param virtualhost      default HTTP Host for this server's HTTP checkers
 * @param snmpName         {@code snmp_name}
 * @param checkers         the health checkers keepalived kept
 * @param position         where the block starts
 */
public record RealServer(InetAddress address, int port, long weight, Forwarding forwarding,
                         OptionalLong upperThreshold, OptionalLong lowerThreshold, boolean inhibitOnFailure,
                         boolean alpha, CheckTiming timing, Optional<Script> notifyUp, Optional<Script> notifyDown,
                         Optional<Boolean> smtpAlert, Optional<String> virtualhost, Optional<String> snmpName,
                         List<Checker> checkers, Position position) {

    public RealServer {
        checkers = List.copyOf(checkers);
    }

    /** keepalived's {@code FMT_RS()} text for this server under a service of {@code protocol}. */
    public String describe(Optional<Protocol> protocol) {
        return "[" + IpText.of(address) + "]:" + Protocol.logName(protocol) + ":" + port;
    }
}
