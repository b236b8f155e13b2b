package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.Script;

import java.util.Optional;

/**
 * How a virtual server manages its pool of real servers.
 *
 * @param alpha            start real servers down until their first successful check
 * @param omega            run quorum_down and notify_down scripts when stopping
 * @param quorum           minimum sum of live weights for the service to be up (default 1,
 *                         reduced to the total weight when larger)
 * @param hysteresis       flap damping around the quorum (kept below quorum)
 * @param quorumUp         script run when the quorum is gained
 * @param quorumDown       script run when the quorum is lost
 * @param inhibitOnFailure set failed real servers to weight 0 instead of removing them
 * @param haSuspend        suspend checkers while the virtual address is absent (never with fwmarks)
 */
public record PoolPolicy(boolean alpha, boolean omega, long quorum, long hysteresis,
                         Optional<Script> quorumUp, Optional<Script> quorumDown,
                         boolean inhibitOnFailure, boolean haSuspend) {
}
