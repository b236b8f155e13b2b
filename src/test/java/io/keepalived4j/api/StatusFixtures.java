package io.keepalived4j.api;

import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Snapshots with every kind of content, for the format tests. */
final class StatusFixtures {

    static final Instant TAKEN = Instant.parse("2026-11-23T12:52:02.500000Z");
    static final Instant TRANSITION = Instant.parse("2026-11-23T12:51:02.205620Z");

    private StatusFixtures() {
    }

    /** VI_1: a v2 multicast MASTER with a script and an interface tracker and rejects. */
    static InstanceView master() {
        InstanceSettings settings = new InstanceSettings(100, true, 0, true, false, "none", "10.0.0.1", false,
                Optional.of("224.0.0.18"), List.of(), new InstanceSettings.Garp(5_000_000, 5, 0, 1, 0, 5), 3, false, false,
                Map.of("script", "'/etc/keepalived/notify.sh'", "script_master", "'/etc/keepalived/notify.sh' 'MASTER'"),
                false);
        return new InstanceView("VI_1", "eth0", 51, 2, VrrpState.MASTER, VrrpState.MASTER, 100, 90, TRANSITION, settings,
                List.of("10.0.0.100/24 dev eth0 scope global label eth0:vip set", "10.0.1.100/32 dev eth1 scope global set"),
                List.of("192.168.9.9/32 dev eth0 scope global set"), true,
                List.of(new TrackerView(TrackerView.SCRIPT, "chk_haproxy", false, 0, -10, false),
                        new TrackerView(TrackerView.INTERFACE, "eth1", true, 0, 0, false)),
                List.of(new PeerView("10.0.0.2", 50, 100, 12, TRANSITION.minusSeconds(30))),
                new InstanceCounters(12, 60, 1, 0, 1, 0, 0, 0),
                Map.of(RejectReason.BAD_TTL, 3L, RejectReason.PASSWORD_MISMATCH, 2L, RejectReason.ADDRESS_LIST_MISMATCH, 4L,
                        RejectReason.ADVERT_INTERVAL_MISMATCH, 5L),
                new SplitBrainView(1, Optional.of("(VI_1) another master 10.0.0.9 \"quoted\" heard"), Optional.of(TRANSITION)));
    }

    /** VI_6: a v3 unicast IPv6-free BACKUP hearing its master. */
    static InstanceView backup() {
        InstanceSettings settings = new InstanceSettings(50, false, 30_000_000, false, true, "PASS", "10.1.0.1", true,
                Optional.empty(), List.of("10.1.0.2", "10.1.0.3"), new InstanceSettings.Garp(0, 5, 60_000_000, 2, 0, 0), 3,
                true, true, Map.of(), true);
        return new InstanceView("VI_6", "eth2", 6, 3, VrrpState.BACKUP, VrrpState.BACKUP, 100, 100, TRANSITION, settings,
                List.of("10.1.0.100/24 dev eth2 scope global"), List.of(), false,
                List.of(new TrackerView(TrackerView.FILE, "/run/weight", false, 2, 5, true)),
                List.of(new PeerView("10.1.0.2", 200, 50, 1000, TAKEN), new PeerView("10.1.0.3", 10, 50, 3, TRANSITION)),
                new InstanceCounters(1003, 2, 0, 0, 0, 0, 1, 0), Map.of(), SplitBrainView.NONE);
    }

    static VirtualServerView pool() {
        PoolStatus.CheckerStatus up = new PoolStatus.CheckerStatus("HTTP_GET", true, true, Optional.empty());
        PoolStatus.CheckerStatus down = new PoolStatus.CheckerStatus("TCP_CHECK", false, true,
                Optional.of("TCP connection to [10.0.0.12]:tcp:80 failed"));
        return new VirtualServerView("[10.0.0.100]:tcp:80", true, 1, List.of(
                new VirtualServerView.RealServerView("[10.0.0.11]:tcp:80", true, true, 1, List.of(up, up),
                        OptionalLong.of(7), OptionalLong.of(2)),
                new VirtualServerView.RealServerView("[10.0.0.12]:tcp:80", false, false, 0, List.of(down),
                        OptionalLong.empty(), OptionalLong.empty())),
                Optional.of(new VirtualServerView.RealServerView("[10.0.0.99]:tcp:80", false, false, 1, List.of(),
                        OptionalLong.empty(), OptionalLong.empty())));
    }

    static StatusSnapshot full() {
        return new StatusSnapshot(TAKEN, "lb1", List.of(master(), backup()), List.of(pool()));
    }
}
