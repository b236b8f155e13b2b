package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * One {@code vrrp_instance} with keepalived's defaults applied (features.md section 8).
 *
 * @param name              instance name (VI_1)
 * @param state             initial wish; MASTER only with priority 255 behaves as MASTER at start
 * @param interfaceName     advert interface, empty when not given (unicast without interface)
 * @param virtualRouterId   VRID 1..255, 0 when missing (the instance is then rejected)
 * @param priority          1..255 (100, or 255 for {@code state MASTER} without priority)
 * @param advertIntervalSeconds advert_int in seconds (v2 whole seconds, v3 centiseconds)
 * @param version           2 or 3 (IPv6 forces 3)
 * @param authType          v2 authentication
 * @param authPass          password (at most 8 characters, truncated like keepalived)
 * @param virtualAddresses  advertised VIPs
 * @param excludedAddresses virtual_ipaddress_excluded
 * @param nopreempt         do not preempt a lower-priority master
 * @param preemptDelaySeconds delay before preempting
 * @param mcastSourceIp     mcast_src_ip / unicast_src_ip, null when not given
 * @param unicastPeers      unicast peers, empty for multicast
 * @param trackInterfaces   track_interface entries
 * @param trackScripts      track_script entries
 * @param trackFiles        track_file entries
 * @param trackProcesses    track_process entries
 * @param notifyScripts        notify scripts by event (master, backup, fault, stop, deleted, generic "notify", master_rx_lower_pri)
 * @param strictMode        vrrp_strict / strict_mode in effect
 * @param garpMasterDelaySeconds garp_master_delay (global default 5)
 * @param garpMasterRepeat  garp_master_repeat (global default 5)
 * @param downTimerAdverts  adverts in the master-down timer (3)
 * @param useVmac           whether use_vmac is set
 * @param accept            accept mode
 * @param smtpAlert         smtp_alert for this instance, null when not set (global default applies)
 * @param garp              GARP/NA timing (instance values over global_defs)
 * @param virtualRoutes     virtual_routes, added while MASTER
 * @param virtualRules      virtual_rules, added while MASTER
 * @param settings          every other keyword as written, so nothing is lost ({@code keyword -> args})
 * @param position          where the instance starts
 */
public record VrrpInstance(String name, VrrpState state, String interfaceName, int virtualRouterId, int priority,
                           double advertIntervalSeconds, int version, AuthType authType, String authPass,
                           List<VirtualAddress> virtualAddresses, List<VirtualAddress> excludedAddresses,
                           boolean nopreempt, double preemptDelaySeconds, InetAddress mcastSourceIp,
                           List<UnicastPeer> unicastPeers, List<TrackRef> trackInterfaces, List<TrackRef> trackScripts,
                           List<TrackRef> trackFiles, List<TrackRef> trackProcesses, Map<String, Script> notifyScripts,
                           boolean strictMode, double garpMasterDelaySeconds, int garpMasterRepeat, int downTimerAdverts,
                           boolean useVmac, boolean accept, Boolean smtpAlert, GarpSettings garp,
                           List<StaticRoute> virtualRoutes, List<StaticRule> virtualRules,
                           Map<String, List<String>> settings,
                           Position position) {

    /** The same instance on another interface (its VMAC, when use_vmac puts it there). */
    public VrrpInstance withInterfaceName(String newInterface) {
        return withInterfaceAndVips(newInterface, virtualAddresses);
    }

    /** The same instance on another interface, with other VIPs (use_vmac moves the base interface's VIPs). */
    public VrrpInstance withInterfaceAndVips(String newInterface, List<VirtualAddress> vips) {
        return new VrrpInstance(name, state, newInterface, virtualRouterId, priority, advertIntervalSeconds, version,
                authType, authPass, List.copyOf(vips), excludedAddresses, nopreempt, preemptDelaySeconds, mcastSourceIp,
                unicastPeers, trackInterfaces, trackScripts, trackFiles, trackProcesses, notifyScripts, strictMode,
                garpMasterDelaySeconds, garpMasterRepeat, downTimerAdverts, useVmac, accept, smtpAlert, garp,
                virtualRoutes, virtualRules, settings, position);
    }

    /** The same instance with {@code newPriority} and {@code vips}: what a reload can change in place. */
    public VrrpInstance withPriorityAndVips(int newPriority, List<VirtualAddress> vips, List<VirtualAddress> excluded) {
        return new VrrpInstance(name, state, interfaceName, virtualRouterId, newPriority, advertIntervalSeconds, version,
                authType, authPass, List.copyOf(vips), List.copyOf(excluded), nopreempt, preemptDelaySeconds,
                mcastSourceIp, unicastPeers, trackInterfaces, trackScripts, trackFiles, trackProcesses, notifyScripts,
                strictMode, garpMasterDelaySeconds, garpMasterRepeat, downTimerAdverts, useVmac, accept, smtpAlert, garp,
                virtualRoutes, virtualRules, settings, null);
    }

    /**
     * The same instance holding only these addresses, routes and rules on the host: what a reload
     * takes off, or puts on, a running MASTER whose lists changed.
     */
    public VrrpInstance withHostState(List<VirtualAddress> vips, List<VirtualAddress> excluded,
                                      List<StaticRoute> routes, List<StaticRule> rules) {
        return new VrrpInstance(name, state, interfaceName, virtualRouterId, priority, advertIntervalSeconds, version,
                authType, authPass, List.copyOf(vips), List.copyOf(excluded), nopreempt, preemptDelaySeconds,
                mcastSourceIp, unicastPeers, trackInterfaces, trackScripts, trackFiles, trackProcesses, notifyScripts,
                strictMode, garpMasterDelaySeconds, garpMasterRepeat, downTimerAdverts, useVmac, accept, smtpAlert, garp,
                List.copyOf(routes), List.copyOf(rules), settings, position);
    }

    /** An instance flag ({@code KEYWORD [BOOL]}) from the less common settings, else {@code otherwise}. */
    public boolean flag(String keyword, boolean otherwise) {
        return Flags.of(settings.get(keyword), otherwise);
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /** RFC 5798 section 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256 (v3); v2 uses (256 - Priority) / 256 s. */
    public double skewTimeSeconds() {
        return version == 3 ? ((256 - priority) * advertIntervalSeconds) / 256.0 : (256 - priority) / 256.0;
    }

    /** Master_Down_Interval = down_timer_adverts * advert interval + Skew_Time. */
    public double masterDownIntervalSeconds() {
        return downTimerAdverts * advertIntervalSeconds + skewTimeSeconds();
    }
}
