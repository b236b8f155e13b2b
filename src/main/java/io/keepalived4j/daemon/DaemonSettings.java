package io.keepalived4j.daemon;

import io.keepalived4j.config.Position;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How one VRRP daemon runs, beyond its configuration.
 *
 * @param refusedScripts where the scripts are configured that the host checks disabled (not found,
 *                       unsafe with enable_script_security, unknown user): they never run
 * @param arpWatch       keepalived4j's ARP split-brain watch (listen for our VIPs answered by
 *                       another MAC); {@code --no-arp-watch} turns it off
 * @param arpProbe       the watch's ARP probe for our VIPs every 10 s while MASTER; {@code --no-arp-probe}
 * @param controlSocket  the runtime control channel's Unix socket ({@code --control-socket}), or none
 */
public record DaemonSettings(Set<Position> refusedScripts, boolean arpWatch, boolean arpProbe,
                             Optional<Path> controlSocket) {

    public DaemonSettings {
        refusedScripts = Set.copyOf(refusedScripts);
    }

    /** Without a control channel (the tests' daemons, which must not share one socket path). */
    public DaemonSettings(Set<Position> refusedScripts, boolean arpWatch, boolean arpProbe) {
        this(refusedScripts, arpWatch, arpProbe, Optional.empty());
    }

    /** Every script may run, ARP watch and probe on, no control channel. */
    public static DaemonSettings defaults() {
        return new DaemonSettings(Set.of(), true, true);
    }

    public DaemonSettings withRefusedScripts(Set<Position> refused) {
        return new DaemonSettings(refused, arpWatch, arpProbe, controlSocket);
    }

    public DaemonSettings withControlSocket(Optional<Path> socket) {
        return new DaemonSettings(refusedScripts, arpWatch, arpProbe, socket);
    }
}
