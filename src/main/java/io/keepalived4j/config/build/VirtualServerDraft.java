package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.CheckTiming;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.SchedulerFlag;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A virtual server while it is being read: keepalived's {@code virtual_server_t} between parsing
 * and {@code validate_check_config()}. Null means "not configured". Mutable and package-private;
 * {@link VirtualServerValidator} turns it into the immutable model.
 */
final class VirtualServerDraft {

    final Node node;
    final ServiceKey key;
    Optional<Protocol> protocol = Optional.empty();
    IpFamily family;
    String scheduler;
    final EnumSet<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
    Forwarding forwarding;
    long persistenceTimeout;
    String granularity;
    String engine;
    boolean haSuspend;
    boolean alpha;
    boolean omega;
    boolean inhibit;
    long quorum = 1;
    long hysteresis;
    Script quorumUp;
    Script quorumDown;
    Duration delayLoop = CheckTiming.DEFAULT_DELAY_LOOP;
    Duration connectTimeout = CheckTiming.DEFAULT_CONNECT_TIMEOUT;
    Long retry;
    Duration delayBeforeRetry;
    Duration warmup;
    long weight = 1;
    Sorry sorry;
    String virtualhost;
    Boolean smtpAlert;
    String snmpName;
    final List<RealServerDraft> realServers = new ArrayList<>();
    /**
     * The service's rank among those using the same group: keepalived stores it as the port of a
     * group service, so the second one prints as {@code [G]:1}.
     */
    int groupMember;

    VirtualServerDraft(Node node, ServiceKey key) {
        this.node = node;
        this.key = key;
        if (key instanceof ServiceKey.Address a) {
            family = IpFamily.of(a.address());
        }
    }

    /** keepalived's FMT_VS() with the protocol as it stands now. */
    String describe() {
        return key instanceof ServiceKey.Group g ? "[" + g.name() + "]:" + groupMember : key.describe(protocol);
    }

    /** The name keepalived prints as "(%s)" in duplicate-script messages: vsgname, or "(null)". */
    String groupNameOrNull() {
        return key instanceof ServiceKey.Group g ? g.name() : "(null)";
    }

    /** {@code sorry_server} while it is being read. */
    static final class Sorry {
        final Node node;
        final InetAddress address;
        int port;
        boolean inhibit;
        Forwarding forwarding;

        Sorry(Node node, InetAddress address, int port, Forwarding forwarding) {
            this.node = node;
            this.address = address;
            this.port = port;
            this.forwarding = forwarding;
        }
    }
}
