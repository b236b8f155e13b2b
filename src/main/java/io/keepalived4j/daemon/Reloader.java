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
 * (keepalived 2.2.7's reload_check_config, always on here). A file that changes nothing of the
 * VRRP side leaves every instance as it is: no advert, no transition, timers kept.
 *
 * <p>Applying changes in place (priorities, VIP lists, added and removed instances: issue 11's
 * state-transfer reload) is not built yet: such a file is reported, in one warning line naming
 * what it would change, and the running configuration stays. Runs on the signal thread, one
 * reload at a time.
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
        /** Valid, but with VRRP changes this release cannot apply without a restart. */
        NOT_APPLIED
    }

    private final ReloadCheck check;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final KeepalivedConfig running;

    Reloader(ReloadCheck check, KeepalivedConfig running) {
        this.check = check;
        this.running = running;
    }

    synchronized Result reload() {
        requested.incrementAndGet();
        LOG.info("Reloading");
        Result r = switch (check.check()) {
            case ReloadCheck.Refused f -> {
                refused.incrementAndGet();
                yield new Result(Kind.REFUSED, "Reload failed: " + f.reason() + "; keeping the running configuration");
            }
            case ReloadCheck.Accepted a -> apply(a.config());
        };
        switch (r.kind()) {
            case REFUSED -> LOG.error(r.line());
            case NOT_APPLIED -> LOG.warn(r.line());
            case UNCHANGED -> LOG.info(r.line());
        }
        return r;
    }

    private Result apply(KeepalivedConfig next) {
        ReloadScope scope = ReloadScope.of(running, next);
        if (scope.virtualServersChanged()) {
            // The checker side is not reloaded yet (the health-checking issue extends the reload).
            LOG.warn("Reload: virtual servers are not reloaded yet; the health checkers keep the running configuration");
        }
        if (scope.vrrpUnchanged()) {
            return new Result(Kind.UNCHANGED, "Reload: the VRRP configuration is unchanged ("
                    + scope.summary() + "); every instance keeps its state");
        }
        return new Result(Kind.NOT_APPLIED, "Reload: applying VRRP changes (" + scope.summary()
                + ") is not supported yet by keepalived4j; keeping the running configuration (restart to apply)");
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
