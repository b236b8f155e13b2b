package io.keepalived4j.daemon;

import io.keepalived4j.config.Position;

import java.util.Set;

/**
 * How one VRRP daemon runs, beyond its configuration.
 *
 * @param refusedScripts where the scripts are configured that the host checks disabled (not found,
 *                       unsafe with enable_script_security, unknown user): they never run
 * @param arpWatch       keepalived4j's ARP split-brain watch (listen for our VIPs answered by
 *                       another MAC); {@code --no-arp-watch} turns it off
 * @param arpProbe       the watch's ARP probe for our VIPs every 10 s while MASTER; {@code --no-arp-probe}
 */
public record DaemonSettings(Set<Position> refusedScripts, boolean arpWatch, boolean arpProbe) {

    public DaemonSettings {
        refusedScripts = Set.copyOf(refusedScripts);
    }

    /** Every script may run, ARP watch and probe on. */
    public static DaemonSettings defaults() {
        return new DaemonSettings(Set.of(), true, true);
    }

    public DaemonSettings withRefusedScripts(Set<Position> refused) {
        return new DaemonSettings(refused, arpWatch, arpProbe);
    }
}
