package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.codec.RejectCounters;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance's counters and current state, written by the VRRP loop and read by status and
 * dump requests from other threads. The peers heard are kept for the {@link #MAX_PEERS} most
 * recently heard addresses (a VRID shared by more routers than that is a misconfiguration; the
 * addresses pushed out are counted).
 */
final class InstanceStats {

    /** The most peer addresses remembered per instance. */
    static final int MAX_PEERS = 16;

    /** A router whose adverts the instance accepted. */
    record Peer(InetAddress address, int priority, int advertIntervalCentis, long adverts, Instant lastHeard) {
    }

    /** The last split-brain report. */
    record SplitBrainReport(String line, Instant at) {
    }

    private final InstantSource clock;
    private final AtomicLong releasedMaster = new AtomicLong();
    private final AtomicLong priorityZeroReceived = new AtomicLong();
    private final AtomicLong peersForgotten = new AtomicLong();
    /** In access order: the least recently heard first, the one forgotten when the map is full. */
    private final Map<InetAddress, Heard> peers = new LinkedHashMap<>(MAX_PEERS * 2, 0.75f, true);
    private volatile Instant lastTransition;
    private volatile SplitBrainReport lastSplitBrain;
    private volatile VrrpState state = VrrpState.INIT;
    private final AtomicLong advertsSent = new AtomicLong();
    private final AtomicLong priorityZeroSent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong advertsReceived = new AtomicLong();
    private final AtomicLong becameMaster = new AtomicLong();
    private final AtomicLong splitBrain = new AtomicLong();
    private final RejectCounters rejects = new RejectCounters();

    InstanceStats() {
        this(InstantSource.system());
    }

    InstanceStats(InstantSource clock) {
        this.clock = clock;
        this.lastTransition = clock.instant();
    }

    void stateChanged(VrrpState to) {
        VrrpState from = state;
        state = to;
        lastTransition = clock.instant();
        if (to == VrrpState.MASTER) {
            becameMaster.incrementAndGet();
        } else if (from == VrrpState.MASTER) {
            // keepalived's release_master: every way out of MASTER.
            releasedMaster.incrementAndGet();
        }
    }

    void advertSent(int priority) {
        advertsSent.incrementAndGet();
        if (priority == 0) {
            priorityZeroSent.incrementAndGet();
        }
    }

    void sendFailed() {
        sendFailures.incrementAndGet();
    }

    void advertReceived() {
        advertsReceived.incrementAndGet();
    }

    /** An accepted advert from {@code source}: counted, and its sender remembered as a peer. */
    void advertReceived(InetAddress source, int priority, int advertIntervalCentis) {
        advertsReceived.incrementAndGet();
        if (priority == 0) {
            priorityZeroReceived.incrementAndGet();
        }
        long now = clock.millis();
        synchronized (peers) {
            Heard heard = peers.get(source);
            if (heard == null) {
                if (peers.size() >= MAX_PEERS) {
                    peers.remove(peers.keySet().iterator().next());
                    peersForgotten.incrementAndGet();
                }
                heard = new Heard(source);
                peers.put(source, heard);
            }
            heard.priority = priority;
            heard.advertIntervalCentis = advertIntervalCentis;
            heard.adverts++;
            heard.lastHeardMillis = now;
        }
    }

    /** One peer's entry, updated in place on every advert (a backup hears one ten times a second). */
    private static final class Heard {
        final InetAddress address;
        int priority;
        int advertIntervalCentis;
        long adverts;
        long lastHeardMillis;

        Heard(InetAddress address) {
            this.address = address;
        }

        Peer toPeer() {
            return new Peer(address, priority, advertIntervalCentis, adverts, Instant.ofEpochMilli(lastHeardMillis));
        }
    }

    void splitBrain() {
        splitBrain.incrementAndGet();
    }

    /** A split brain reported with its log line. */
    void splitBrain(String line) {
        splitBrain.incrementAndGet();
        lastSplitBrain = new SplitBrainReport(line, clock.instant());
    }

    /** The peers heard, most recent first. */
    List<Peer> peers() {
        List<Peer> out;
        synchronized (peers) {
            out = new ArrayList<>(peers.size());
            for (Heard h : peers.values()) {
                out.add(h.toPeer());
            }
        }
        out.sort(Comparator.comparing(Peer::lastHeard).reversed());
        return out;
    }

    long peersForgotten() {
        return peersForgotten.get();
    }

    Instant lastTransition() {
        return lastTransition;
    }

    Optional<SplitBrainReport> lastSplitBrain() {
        return Optional.ofNullable(lastSplitBrain);
    }

    long releasedMaster() {
        return releasedMaster.get();
    }

    long priorityZeroReceived() {
        return priorityZeroReceived.get();
    }

    RejectCounters rejects() {
        return rejects;
    }

    VrrpState state() {
        return state;
    }

    long advertsSent() {
        return advertsSent.get();
    }

    long advertsReceived() {
        return advertsReceived.get();
    }

    long becameMaster() {
        return becameMaster.get();
    }

    long priorityZeroSent() {
        return priorityZeroSent.get();
    }

    long sendFailures() {
        return sendFailures.get();
    }

    long splitBrainCount() {
        return splitBrain.get();
    }
}
