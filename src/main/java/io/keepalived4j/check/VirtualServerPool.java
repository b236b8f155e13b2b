package io.keepalived4j.check;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.SorryServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.notify.SmtpAlert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One virtual server's pool of real servers, as keepalived 2.2.7's ipwrapper.c keeps it: which
 * servers are alive, which are in the data plane and with what weight, the quorum and the sorry
 * server. Checker results come in through {@link CheckerEpilogs}; this class turns a checker going
 * up or down into keepalived's {@code update_svr_checker_state()} / {@code perform_svr_state()} /
 * {@code update_quorum_state()} steps, their log lines, notifications and data-plane changes.
 *
 * <p>Not thread-safe: {@link HealthPool} calls it under one lock, so the data plane sees changes
 * one at a time and in order.
 */
final class VirtualServerPool {

    final VirtualServer config;
    final String text;
    final List<RealServerEntry> servers = new ArrayList<>();
    final Optional<RealServerEntry> sorry;
    private final DataPlane dataPlane;
    private final PoolListener out;
    private final PoolSettings settings;
    private final boolean smtpAlert;
    private final long quorum;
    private final long hysteresis;
    boolean quorumUp;
    /** ha_suspend: how many times the virtual address is configured on this host. */
    int suspendAddressCount;

    VirtualServerPool(VirtualServer config, DataPlane dataPlane, PoolListener out, PoolSettings settings) {
        this.config = config;
        this.text = config.describe();
        this.dataPlane = dataPlane;
        this.out = out;
        this.settings = settings;
        this.smtpAlert = config.smtpAlert().or(settings::smtpAlertChecker).orElse(false);
        this.quorum = config.pool().quorum();
        this.hysteresis = config.pool().hysteresis();
        for (RealServer rs : config.realServers()) {
            servers.add(new RealServerEntry(Optional.of(rs),
                    new Destination(rs.address(), rs.port(), rs.forwarding(), false), rs.describe(config.protocol()),
                    rs.inhibitOnFailure(), rs.weight(),
                    rs.smtpAlert().or(settings::smtpAlertChecker).orElse(true)));
        }
        this.sorry = config.sorryServer().map(this::sorryEntry);
    }

    private RealServerEntry sorryEntry(SorryServer s) {
        String t = "[" + io.keepalived4j.config.model.IpText.of(s.address()) + "]:"
                + io.keepalived4j.config.model.lvs.Protocol.logName(config.protocol()) + ":" + s.port();
        return new RealServerEntry(Optional.empty(), new Destination(s.address(), s.port(), s.forwarding(), true), t,
                s.inhibit(), 1, false);
    }

    // ---- start and stop (init_service_vs, clear_service_vs)

    /** Puts the service and its healthy servers in the data plane, as keepalived does at start. */
    void start() {
        dataPlane.addService(config);
        for (RealServerEntry rs : servers) {
            if ((rs.failedCheckers == 0 && !rs.alive) || (rs.inhibit && !rs.set)) {
                addDestination(rs);
                if (rs.failedCheckers == 0) {
                    rs.alive = true;
                    if (settings.rsInitNotifies()) {
                        rsNotifies(rs);
                    }
                }
            }
        }
        updateQuorum(true);
        sorry.filter(s -> s.inhibit && !s.set).ifPresent(s -> {
            s.set = true;
            dataPlane.setDestination(config, s.destination, 0);
        });
    }

    /**
     * Takes every server out and the service down, as keepalived's clear_service_vs() does at
     * stop: each server logs "Shutting down service", notifications run only with omega.
     */
    void stop() {
        sorry.filter(s -> s.set).ifPresent(s -> {
            dataPlane.removeDestination(config, s.destination);
            s.set = false;
            s.alive = false;
        });
        for (RealServerEntry rs : servers) {
            out.log("Shutting down " + (rs.inhibit && !rs.alive ? "(inhibited) " : "") + "service " + rs.text
                    + " from VS " + text);
            if (!rs.set) {
                continue;
            }
            dataPlane.removeDestination(config, rs.destination);
            rs.set = false;
            if (!rs.alive) {
                continue;
            }
            rs.alive = false;
            if (config.pool().omega()) {
                rsNotifies(rs);
                if (rs.smtpAlert) {
                    out.alert(new SmtpAlert(rsSubject(rs, "DOWN"), "=> Shutting down <="));
                }
            }
        }
        quorumUp = false;
        vsNotifies(false, quorum - hysteresis, weighLive(), true);
        dataPlane.removeService(config);
    }

    // ---- a reload that changed the virtual server (keepalived's migrate_checkers, clear_diff_rs)

    /** This pool's real server at {@code other}'s address and port (a reload's successor or predecessor), or null. */
    RealServerEntry sameServer(RealServerEntry other) {
        if (other.config.isEmpty()) {
            return null;
        }
        for (RealServerEntry rs : servers) {
            if (rs.config.isPresent() && rs.destination.address().equals(other.destination.address())
                    && rs.destination.port() == other.destination.port()) {
                return rs;
            }
        }
        return null;
    }

    /**
     * A reload changed this virtual server into {@code next}: the real servers {@code next} keeps
     * stay in the data plane as they are (a changed forwarding method is re-set by {@code next});
     * the others leave as at stop. The service itself stays: {@link #startAfter} takes it over.
     */
    void handOverTo(VirtualServerPool next) {
        sorry.filter(s -> s.set).ifPresent(s -> {
            if (next.sorry.map(n -> !n.destination.equals(s.destination)).orElse(true)) {
                dataPlane.removeDestination(config, s.destination);
                s.set = false;
            }
        });
        for (RealServerEntry rs : servers) {
            RealServerEntry successor = next.sameServer(rs);
            if (successor != null) {
                if (rs.set && !successor.destination.equals(rs.destination)) {
                    dataPlane.removeDestination(config, rs.destination);
                }
                continue;
            }
            out.log("Shutting down " + (rs.inhibit && !rs.alive ? "(inhibited) " : "") + "service " + rs.text
                    + " from VS " + text);
            if (rs.set) {
                dataPlane.removeDestination(config, rs.destination);
                rs.set = false;
            }
            if (rs.alive) {
                rs.alive = false;
                rsNotifies(rs);
            }
        }
    }

    /**
     * Puts this pool in the data plane in place of {@code previous}, which {@link #handOverTo} it:
     * the service is replaced in place ({@link DataPlane#replaceService}); a server carried over
     * ({@link PoolHandover#inherit}) keeps its state and is only re-set with its weight now; a new
     * one starts as at start. The quorum goes on from {@code previous}'s.
     */
    void startAfter(VirtualServerPool previous, java.util.Set<RealServerEntry> carried) {
        dataPlane.replaceService(previous.config, config);
        quorumUp = previous.quorumUp;
        boolean poolIn = quorumUp || sorry.isEmpty() || previous.sorry.map(s -> !s.alive).orElse(true);
        for (RealServerEntry rs : servers) {
            if (!carried.contains(rs)) {
                if ((rs.failedCheckers == 0 && !rs.alive) || (rs.inhibit && !rs.set)) {
                    if (poolIn) {
                        addDestination(rs);
                    }
                    if (rs.failedCheckers == 0) {
                        rs.alive = true;
                        if (settings.rsInitNotifies()) {
                            rsNotifies(rs);
                        }
                    }
                }
                continue;
            }
            if (rs.alive && rs.set) {
                dataPlane.setDestination(config, rs.destination, rs.dataPlaneWeight());
            } else if (rs.set) {
                deleteDestination(rs);
            }
        }
        sorry.ifPresent(s -> previous.sorry.filter(p -> p.destination.equals(s.destination)).ifPresent(p -> {
            s.alive = p.alive;
            s.set = p.set;
        }));
        sorry.filter(s -> s.set).ifPresent(s -> dataPlane.setDestination(config, s.destination,
                s.alive ? s.dataPlaneWeight() : 0));
        updateQuorum(false);
        sorry.filter(s -> s.inhibit && !s.set).ifPresent(s -> {
            s.set = true;
            dataPlane.setDestination(config, s.destination, 0);
        });
    }

    // ---- checker state (update_svr_checker_state, set_checker_state)

    /** A checker found its server {@code alive} or not: keepalived's update_svr_checker_state(). */
    void checkerState(CheckerSlot c, boolean alive) {
        RealServerEntry rs = c.server;
        if (c.isUp == alive) {
            if (!c.hasRun) {
                if (c.alpha || !alive) {
                    rsNotifies(rs);
                }
                c.hasRun = true;
            }
            return;
        }
        c.hasRun = true;
        if (alive) {
            if (rs.failedCheckers <= 1) {
                serverState(rs, true);
            }
        } else if (rs.failedCheckers == 0) {
            serverState(rs, false);
        }
        setCheckerUp(c, alive);
    }

    /** Marks a checker down before its first run (alpha), without any transition. */
    void startDown(CheckerSlot c) {
        setCheckerUp(c, false);
        c.server.alive = false;
    }

    private static void setCheckerUp(CheckerSlot c, boolean up) {
        if (c.isUp == up) {
            return;
        }
        c.isUp = up;
        if (!up) {
            c.server.failedCheckers++;
        } else if (c.server.failedCheckers > 0) {
            c.server.failedCheckers--;
        }
    }

    // ---- server state (perform_svr_state)

    private void serverState(RealServerEntry rs, boolean alive) {
        if (rs.alive == alive) {
            return;
        }
        out.log((alive ? (rs.inhibit ? "Enabling" : "Adding") : (rs.inhibit ? "Disabling" : "Removing"))
                + " service " + rs.text + " " + (rs.inhibit ? "of" : alive ? "to" : "from") + " VS " + text);
        if (quorumUp || sorry.isEmpty() || !sorry.get().alive) {
            if (alive) {
                addDestination(rs);
            } else {
                deleteDestination(rs);
            }
        }
        rs.alive = alive;
        rsNotifies(rs);
        updateQuorum(false);
    }

    // ---- weights (update_svr_wgt)

    /** Sets a server's effective weight (configured weight plus checker contributions). */
    void setEffectiveWeight(RealServerEntry rs, long weight, boolean updateQuorum) {
        long oldReal = RealServerEntry.realWeight(rs.effectiveWeight);
        long newReal = RealServerEntry.realWeight(weight);
        rs.effectiveWeight = weight;
        if (newReal == oldReal) {
            return;
        }
        out.log("Changing weight from " + oldReal + " to " + newReal + " for " + (rs.alive ? "" : "in")
                + "active service " + rs.text + " of VS " + text);
        if (rs.set && rs.alive && (quorumUp || sorry.isEmpty() || !sorry.get().alive)) {
            dataPlane.setDestination(config, rs.destination, rs.dataPlaneWeight());
        }
        if (updateQuorum) {
            updateQuorum(false);
        }
    }

    // ---- runtime control (keepalived has none: an operator's drain and weight, without a reload)

    /**
     * Drains the server (weight 0 in the data plane, as inhibit_on_failure does, so established
     * connections finish) or enables it again; its checkers keep running and it stays in or out of
     * the data plane as they say. False when it already was so.
     */
    boolean drain(RealServerEntry rs, boolean drained) {
        if (rs.drained == drained) {
            return false;
        }
        rs.drained = drained;
        out.log((drained ? "Draining" : "Enabling drained") + " service " + rs.text + " of VS " + text
                + " (runtime control)");
        if (rs.set && rs.alive && (quorumUp || sorry.isEmpty() || !sorry.get().alive)) {
            dataPlane.setDestination(config, rs.destination, rs.dataPlaneWeight());
        }
        updateQuorum(false);
        return true;
    }

    /** Replaces the server's configured weight; what its checkers add (misc_dynamic, FILE_CHECK) stays. */
    void setBaseWeight(RealServerEntry rs, long weight) {
        long previous = rs.baseWeight;
        rs.baseWeight = weight;
        setEffectiveWeight(rs, rs.effectiveWeight - previous + weight, true);
    }

    // ---- quorum (update_quorum_state, perform_quorum_state)

    long weighLive() {
        long sum = 0;
        for (RealServerEntry rs : servers) {
            if (rs.alive) {
                // A drained server carries no new traffic, so it counts for nothing towards quorum.
                sum += rs.dataPlaneWeight();
            }
        }
        return sum;
    }

    private void updateQuorum(boolean init) {
        long sum = weighLive();
        long threshold = quorum + (quorumUp ? -1 : 1) * hysteresis;
        if (!quorumUp && sum >= threshold) {
            quorumUp = true;
            out.log("Gained quorum " + quorum + "+" + hysteresis + "=" + threshold + " <= " + sum + " for VS " + text);
            if (sorry.isPresent() && sorry.get().alive) {
                RealServerEntry s = sorry.get();
                out.log((s.inhibit ? "Disabling" : "Removing") + " sorry server " + s.text + " from VS " + text);
                deleteDestination(s);
                s.alive = false;
                poolAlive(true);
            }
            vsNotifies(init, threshold, sum, false);
        } else if ((quorumUp && (sum == 0 || sum < threshold))
                || (init && !quorumUp && sorry.isPresent() && !sorry.get().alive)) {
            quorumUp = false;
            out.log((init ? "Starting with quorum down" : "Lost quorum") + " " + quorum + "-" + hysteresis + "="
                    + threshold + " > " + sum + " for VS " + text);
            if (sorry.isPresent() && !sorry.get().alive) {
                RealServerEntry s = sorry.get();
                out.log((s.inhibit ? "Enabling" : "Adding") + " sorry server " + s.text + " to VS " + text);
                poolAlive(false);
                addDestination(s);
                s.alive = true;
            }
            vsNotifies(init, threshold, sum, false);
        }
    }

    private void poolAlive(boolean add) {
        out.log((add ? "Adding alive servers to" : "Removing alive servers from") + " the pool for VS " + text);
        for (RealServerEntry rs : servers) {
            if (rs.alive) {
                if (add) {
                    addDestination(rs);
                } else {
                    deleteDestination(rs);
                }
            }
        }
    }

    // ---- the data plane, with inhibit_on_failure (ipvs_cmd)

    private void addDestination(RealServerEntry rs) {
        long weight = rs.dataPlaneWeight();
        if (!rs.set && rs.inhibit && rs.failedCheckers > 0) {
            weight = 0;
        }
        rs.set = true;
        dataPlane.setDestination(config, rs.destination, weight);
    }

    private void deleteDestination(RealServerEntry rs) {
        if (rs.inhibit) {
            dataPlane.setDestination(config, rs.destination, 0);
        } else {
            rs.set = false;
            dataPlane.removeDestination(config, rs.destination);
        }
    }

    // ---- notifications (do_rs_notifies, do_vs_notifies)

    private void rsNotifies(RealServerEntry rs) {
        Optional<Script> script = rs.config.flatMap(c -> rs.alive ? c.notifyUp() : c.notifyDown());
        script.ifPresent(out::runScript);
        out.fifo("RS " + rs.text + " " + text + " " + (rs.alive ? "UP" : "DOWN"));
    }

    private void vsNotifies(boolean init, long threshold, long sum, boolean stopping) {
        if (stopping && !config.pool().omega()) {
            return;
        }
        (quorumUp ? config.pool().quorumUp() : config.pool().quorumDown()).ifPresent(out::runScript);
        out.fifo("VS " + text + " " + (quorumUp ? "UP" : "DOWN"));
        if (smtpAlert) {
            String body = stopping ? "=> Shutting down <="
                    : "=> " + (quorumUp ? (init ? "Starting with quorum up" : "Gained quorum")
                    : (init ? "Starting with quorum down" : "Lost quorum")) + " " + quorum + "+" + hysteresis + "="
                    + threshold + " <= " + sum + " <=";
            out.alert(new SmtpAlert("[" + settings.routerId() + "] Virtualserver " + text + " - "
                    + (quorumUp ? "UP" : "DOWN"), body));
        }
    }

    /** The subject keepalived gives a real server's alerts, with the state as it is now. */
    String rsSubject(RealServerEntry rs, String state) {
        return "[" + settings.routerId() + "] Realserver " + rs.text + " of virtual server " + text + " - " + state;
    }

    /** Sends a checker's alert about its server, under keepalived's conditions (the caller checked the rest). */
    void checkerAlert(RealServerEntry rs, boolean wasAlive, String body) {
        if (rs.smtpAlert && (wasAlive != rs.alive || !settings.noCheckerEmails())) {
            out.alert(new SmtpAlert(rsSubject(rs, rs.alive ? "UP" : "DOWN"), body));
        }
    }

    PoolListener listener() {
        return out;
    }

    PoolSettings settings() {
        return settings;
    }
}
