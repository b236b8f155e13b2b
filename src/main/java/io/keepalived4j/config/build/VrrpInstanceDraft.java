package io.keepalived4j.config.build;

import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.GarpSettings;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpState;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vrrp_instance while it is being read: keepalived's {@code vrrp_t} between the vrrp_parser.c
 * handlers and {@code vrrp_complete_instance()}. Null (or 0) means "not configured", which the
 * completion checks need to tell from a default. Each setting keeps the statement it came from,
 * so that a completion message can point at that line. Mutable and package-private;
 * {@link VrrpCompletion} checks it and turns it into the immutable model.
 */
final class VrrpInstanceDraft {

    final Node node;
    final String name;
    final String tag;

    /** {@code state}: null when not written (keepalived's VRRP_STATE_INIT). */
    VrrpState state;
    Node stateNode;
    String interfaceName = "";
    Node interfaceNode;
    int vrid;
    Node vridNode;
    /** 0 when not written. */
    int priority;
    Node priorityNode;
    /** Seconds; 0 when not written. */
    double advert;
    Node advertNode;
    /** 2 or 3; 0 when neither written nor deduced. */
    int version;
    Node versionNode;
    /** 4 or 6 once an address, native_ipv6 or a source address decided it; 0 before. */
    int family;

    AuthType authType = AuthType.NONE;
    String authPass = "";
    Node authNode;

    final List<VirtualAddress> vips = new ArrayList<>();
    final List<VirtualAddress> excluded = new ArrayList<>();
    Node vipNode;

    boolean nopreempt;
    Node nopreemptNode;
    double preemptDelay;
    Node preemptDelayNode;

    InetAddress sourceIp;
    final List<UnicastPeer> peers = new ArrayList<>();
    /** The first keyword that makes keepalived think "unicast" (VRRP_FLAG_UNICAST_CONFIGURED). */
    Node unicastNode;
    boolean unicastFaultNoPeer;
    Node ttlNode;
    Node mcastDstNode;

    final List<TrackRef> trackInterfaces = new ArrayList<>();
    final List<TrackRef> trackScripts = new ArrayList<>();
    final List<TrackRef> trackFiles = new ArrayList<>();
    final List<TrackRef> trackProcesses = new ArrayList<>();
    final List<TrackRef> trackBfds = new ArrayList<>();
    final Map<String, Script> notifyScripts = new LinkedHashMap<>();

    /** strict_mode written in the instance; null means vrrp_strict of global_defs applies. */
    Boolean strict;
    /** accept / no_accept as written; null when neither. */
    Boolean accept;
    Node acceptNode;
    Node garpLowerPrioRepeatNode;
    Node garpLowerPrioDelayNode;
    Boolean lowerPrioNoAdvert;
    Node lowerPrioNoAdvertNode;
    Boolean higherPrioSendAdvert;
    Node higherPrioSendAdvertNode;
    Integer downTimerAdverts;
    Node downTimerAdvertsNode;

    boolean useVmac;
    Node useVmacNode;
    /** use_vmac's MAC address, when it gave a valid one. */
    String vmacMac;
    boolean vmacXmitBase;
    Node vmacXmitBaseNode;
    Node promoteSecondariesNode;

    Boolean smtpAlert;
    GarpSettings garp;
    double garpMasterDelay;
    int garpMasterRepeat;
    final List<StaticRoute> routes = new ArrayList<>();
    final List<StaticRule> rules = new ArrayList<>();
    final Map<String, List<String>> settings = new LinkedHashMap<>();

    VrrpInstanceDraft(Node node, String name) {
        this.node = node;
        this.name = name;
        this.tag = "(" + name + ")";
    }

    boolean isUnicast() {
        return !peers.isEmpty();
    }

    /** Where a message about a setting should point: its statement, else the instance. */
    Node at(Node statement) {
        return statement != null ? statement : node;
    }
}
