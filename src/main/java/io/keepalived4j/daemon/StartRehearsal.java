package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.Rehearsal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A generation's master and stop paths, run at its start without effect, so that the first real
 * takeover and stop find their code loaded and compiled ({@link Rehearsal}; docs/daemon-hardening.md).
 * Only a warm-up: a failure is logged at debug and the instances do not depend on it.
 */
final class StartRehearsal {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private StartRehearsal() {
    }

    /** The engine's side, on a throwaway host of {@code spec}. */
    static void engine(HostSpec spec) {
        try {
            Rehearsal.warm(spec);
        } catch (RuntimeException e) {
            LOG.debug("VRRP rehearsal failed: {}", e.toString(), e);
        }
    }

    /** The I/O side, as many times as the engine's: each advert encoded, the VIP passes and frames sent nowhere. */
    static void io(List<InstanceIo> ios) {
        try {
            for (int r = Rehearsal.rounds(ios.size()); r > 0; r--) {
                for (InstanceIo io : ios) {
                    io.rehearseTakeover();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("VRRP I/O rehearsal failed: {}", e.toString(), e);
        }
    }
}
