package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A real server while it is being read ({@code real_server_t} before validation). Null means
 * "inherit from the virtual server".
 */
final class RealServerDraft {

    final Node node;
    final InetAddress address;
    /** 0 when absent; keepalived's port rules change it in validation. */
    int port;
    /** The port as written: checkers copy it before validation (their default connect_port). */
    final int writtenPort;
    Long weight;
    /** Starts as the virtual server's method at the moment the block opens, as in alloc_rs(). */
    Forwarding forwarding;
    Long upperThreshold;
    Long lowerThreshold;
    Boolean inhibit;
    Boolean alpha;
    Long retry;
    Duration delayBeforeRetry;
    Duration warmup;
    Duration connectTimeout;
    Duration delayLoop;
    Script notifyUp;
    Script notifyDown;
    Boolean smtpAlert;
    String virtualhost;
    String snmpName;
    final List<CheckerDraft> checkers = new ArrayList<>();
    /** bfd_instances this server's BFD_CHECKs already follow. */
    final Set<String> bfdNames = new HashSet<>();

    RealServerDraft(Node node, InetAddress address, int port, Forwarding forwarding) {
        this.node = node;
        this.address = address;
        this.port = port;
        this.writtenPort = port;
        this.forwarding = forwarding;
    }

    /** Same address and port: keepalived's rs_iseq(). */
    boolean sameServer(InetAddress otherAddress, int otherPort) {
        return address.equals(otherAddress) && port == otherPort;
    }
}
