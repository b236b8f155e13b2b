package io.keepalived4j.vrrp.engine;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpState;

import java.net.InetAddress;

/** Maps a configured {@code vrrp_instance} onto the state machine's parameters. */
public final class ConfiguredInstance {

    private ConfiguredInstance() {
    }

    /** With global_defs' defaults for the flags an instance inherits. */
    public static InstanceParameters parameters(VrrpInstance i, GlobalDefs g, InetAddress primaryAddress) {
        // vrrp_strict forces lower_prio_no_advert on and higher_prio_send_advert off (features.md
        // section 10); owner_ignore_adverts is keepalived 2.3.3's, on in strict mode.
        return parameters(i, primaryAddress)
                .withLowerPrioNoAdvert(i.flag("lower_prio_no_advert", g.lowerPrioNoAdvert()) || i.strictMode())
                .withHigherPrioSendAdvert(i.flag("higher_prio_send_advert", g.higherPrioSendAdvert()) && !i.strictMode())
                .withOwnerIgnoreAdverts(i.flag("owner_ignore_adverts", g.ownerIgnoreAdverts()) || i.strictMode());
    }

    /**
     * @param primaryAddress the address adverts are sent from (mcast_src_ip/unicast_src_ip, else the
     *                       interface's primary address, which only the OS layer knows)
     */
    public static InstanceParameters parameters(VrrpInstance i, InetAddress primaryAddress) {
        InetAddress source = i.mcastSourceIp() != null ? i.mcastSourceIp() : primaryAddress;
        // keepalived: state MASTER with priority below 255 behaves as BACKUP at start; only the
        // address owner starts as MASTER (vrrp_complete_instance()).
        int priority = i.state() == VrrpState.MASTER && i.priority() == InstanceParameters.OWNER_PRIORITY ? 255 : i.priority();
        return new InstanceParameters(i.name(), i.virtualRouterId(), i.version(), priority,
                (int) Math.round(i.advertIntervalSeconds() * 100), !i.nopreempt(), i.downTimerAdverts(),
                i.garp().masterRepeat(), micros(i.garp().masterDelaySeconds()),
                i.flag("lower_prio_no_advert", false) || i.strictMode(), source, micros(i.preemptDelaySeconds()), garp(i),
                i.strictMode(), false, i.strictMode());
    }

    /** vrrp_strict forces garp_lower_prio_* to 0 (features.md section 10). */
    private static InstanceParameters.GarpTiming garp(VrrpInstance i) {
        var g = i.garp();
        return new InstanceParameters.GarpTiming(micros(g.masterRefreshSeconds()), g.masterRefreshRepeat(),
                i.strictMode() ? 0 : micros(g.lowerPrioDelaySeconds()), i.strictMode() ? 0 : g.lowerPrioRepeat());
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1_000_000);
    }
}
