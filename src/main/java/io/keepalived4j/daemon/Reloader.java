package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.daemon.reload.ReloadCheck;
import io.keepalived4j.daemon.reload.ReloadScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The SIGHUP action of the VRRP daemon. The new file is read and checked first, as at start; a
 * file with errors is refused in one error line and the running configuration stays, untouched
 * (keepalived 2.2.7's reload_check_config, always on here). As there, any error counts, the host
 * checks' too (a script not found, an unknown interface), even one the running file already had:
 * the daemon started with it, but a reload does not take a file that {@code -t} rejects. A file that changes nothing of the
 * VRRP side leaves every instance as it is: no advert, no transition, timers kept.
 *
 * <p>A file whose only VRRP change is configured priorities (1..254) has them applied in place
 * on the running instances, on the VRRP loop: no transition, no extra advert; a MASTER advertises
 * the new priority at its next advert. Any other change (VIP lists, added and removed instances,
 * timers, trackers, scripts, notify targets, sync groups, static addresses) goes through the
 * state transfer ({@link VrrpHandover}): the instances are re-built from the new file and go on in
 * their state. Runs on the signal thread, one reload at a time.
 *
 * <p>When the health checkers run in this process, every accepted file also goes to them
 * ({@link VirtualServers}, {@link CheckerService#reload}): their virtual servers are reloaded
 * whatever the VRRP side could apply (unchanged ones untouched).
 */
final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** What a reload did, and the line it logged. */
    record Result(Kind kind, String line) {
    }

    enum Kind {
        /** The new file failed its check; the running configuration stays. */
        REFUSED,
        /** Nothing of the VRRP side changed: the instances run on as they were. */
        UNCHANGED,
        /** Priorities changed and were applied in place on the running instances. */
        APPLIED,
        /** The instances were re-built from the new file, each going on in its state. */
        TRANSFERRED,
        /** Valid, but the running instances could not take it (see the line); they run on as they were. */
        NOT_APPLIED
    }

    /** Applies priority changes to the running instances; false when it could not. */
    @FunctionalInterface
    interface InPlace {
        boolean priorities(java.util.List<ReloadScope.PriorityChange> changes);

        /** On the daemon's VRRP loop, where engine state is touched (2 s at most). */
        static InPlace on(VrrpDaemon daemon) {
            return changes -> daemon.onLoop(host -> {
                for (ReloadScope.PriorityChange c : changes) {
                    host.reconfigurePriority(c.index(), c.to(), daemon.loopNow());
                }
                return true;
            }, java.time.Duration.ofSeconds(2)).orElse(false);
        }
    }

    /** The state transfer to a new configuration ({@link VrrpDaemon#reload}). */
    @FunctionalInterface
    interface StateTransfer {
        /** An empty result when done, else why not. */
        java.util.Optional<String> apply(KeepalivedConfig next);

        StateTransfer UNAVAILABLE = next -> java.util.Optional.of("the running instances cannot be re-built");

        static StateTransfer on(VrrpDaemon daemon) {
            return next -> {
                VrrpDaemon.Reloaded r = daemon.reload(next);
                return r.applied() ? java.util.Optional.empty() : java.util.Optional.of(r.line());
            };
        }
    }

    /** The checker side's reload (see {@link CheckerService#reload}); null when no checker runs. */
    @FunctionalInterface
    interface VirtualServers {
        void reload(ReloadCheck.Accepted accepted);
    }

    private final ReloadCheck check;
    private final InPlace inPlace;
    private final VirtualServers virtualServers;
    private final StateTransfer transfer;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile KeepalivedConfig running;

    Reloader(ReloadCheck check, KeepalivedConfig running, InPlace inPlace) {
        this(check, running, inPlace, null);
    }

    Reloader(ReloadCheck check, KeepalivedConfig running, InPlace inPlace, VirtualServers virtualServers) {
        this(check, running, inPlace, StateTransfer.UNAVAILABLE, virtualServers);
    }

    Reloader(ReloadCheck check, KeepalivedConfig running, InPlace inPlace, StateTransfer transfer,
             VirtualServers virtualServers) {
        this.transfer = transfer;
        this.virtualServers = virtualServers;
        this.check = check;
        this.running = running;
        this.inPlace = inPlace;
    }

    synchronized Result reload() {
        requested.incrementAndGet();
        LOG.info("Reloading");
        Result r = switch (check.check()) {
            case ReloadCheck.Refused f -> {
                refused.incrementAndGet();
                yield new Result(Kind.REFUSED, "Reload failed: " + f.reason() + "; keeping the running configuration");
            }
            case ReloadCheck.Accepted a -> apply(a);
        };
        switch (r.kind()) {
            case REFUSED -> LOG.error(r.line());
            case NOT_APPLIED -> LOG.warn(r.line());
            case UNCHANGED, APPLIED, TRANSFERRED -> LOG.info(r.line());
        }
        return r;
    }

    private Result apply(ReloadCheck.Accepted accepted) {
        KeepalivedConfig next = accepted.config();
        ReloadScope scope = ReloadScope.of(running, next);
        if (virtualServers != null) {
            // The checker side on its own: a kept virtual server is untouched whatever VRRP does.
            virtualServers.reload(accepted);
        } else if (scope.virtualServersChanged()) {
            // The checker side is not reloaded yet (the health-checking issue extends the reload).
            LOG.warn("Reload: virtual servers are not reloaded yet; the health checkers keep the running configuration");
        }
        if (scope.vrrpUnchanged()) {
            // The same VRRP side: the new file is what runs now (its virtual servers, dump paths).
            running = next;
            return new Result(Kind.UNCHANGED, "Reload: the VRRP configuration is unchanged ("
                    + scope.summary() + "); every instance keeps its state");
        }
        var priorities = ReloadScope.prioritiesOnly(running, next);
        if (priorities.isPresent()) {
            String what = priorities.get().stream().map(c -> "(" + c.name() + ") priority " + c.from() + " -> " + c.to())
                    .collect(java.util.stream.Collectors.joining(", "));
            if (!inPlace.priorities(priorities.get())) {
                return new Result(Kind.NOT_APPLIED, "Reload: the VRRP loop did not apply " + what
                        + " in time; keeping the running configuration");
            }
            running = ReloadScope.withPriorities(running, priorities.get());
            return new Result(Kind.APPLIED, "Reload: applied in place: " + what);
        }
        java.util.Optional<String> failed = transfer.apply(next);
        if (failed.isPresent()) {
            return new Result(Kind.NOT_APPLIED, "Reload: the VRRP changes (" + scope.summary() + ") were not applied: "
                    + failed.get() + "; keeping the running configuration");
        }
        running = next;
        return new Result(Kind.TRANSFERRED, "Reload: applied (" + scope.summary() + "); every kept instance goes on in its state");
    }

    /** The configuration the instances run (unchanged by a refused reload). */
    KeepalivedConfig running() {
        return running;
    }

    long requested() {
        return requested.get();
    }

    long refused() {
        return refused.get();
    }
}
