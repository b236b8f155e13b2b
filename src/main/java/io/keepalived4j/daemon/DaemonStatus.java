package io.keepalived4j.daemon;

import io.keepalived4j.api.InstanceView;
import io.keepalived4j.api.StatusSnapshot;
import io.keepalived4j.api.VirtualServerView;
import io.keepalived4j.config.model.GlobalDefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Takes the daemon's status snapshot for the dumps and the status endpoint: the VRRP instances
 * read on the VRRP loop (a loop that does not answer within {@link #LOOP_WAIT} makes the snapshot
 * fail rather than report a half-read engine), the pools from the checkers.
 */
final class DaemonStatus {

    /** How long a snapshot waits for the VRRP loop. */
    static final Duration LOOP_WAIT = Duration.ofSeconds(2);

    private final String routerId;
    private final VrrpDaemon vrrp;
    private final CheckerService checkers;

    /** @param vrrp the VRRP daemon, null when only the checkers run; @param checkers null when none run */
    DaemonStatus(GlobalDefs global, VrrpDaemon vrrp, CheckerService checkers) {
        this.routerId = routerId(global);
        this.vrrp = vrrp;
        this.checkers = checkers;
    }

    StatusSnapshot snapshot() {
        List<InstanceView> instances = vrrp == null ? List.of() : vrrp.instanceViews(LOOP_WAIT);
        List<VirtualServerView> pools = List.of();
        if (checkers != null) {
            var connections = checkers.connections();
            pools = checkers.status().stream().map(vs -> VirtualServerView.of(vs, connections)).toList();
        }
        return new StatusSnapshot(Instant.now(), routerId, instances, pools);
    }

    /** router_id, else the host name as keepalived takes it (uname's nodename). */
    static String routerId(GlobalDefs global) {
        if (!global.routerId().isEmpty()) {
            return global.routerId();
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
