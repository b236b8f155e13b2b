package io.keepalived4j.lb.sched;

import io.keepalived4j.config.model.lvs.SchedulerFlag;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An IPVS scheduler ({@code lvs_sched} / {@code lb_algo}) with the kernel's exact semantics, as pure
 * Java: {@code net/netfilter/ipvs/ip_vs_<name>.c}. See {@code docs/schedulers.md}.
 *
 * <h2>What order {@link #update} expects</h2>
 * The destinations <b>in the order they were added to the service, oldest first</b>: a weight change
 * keeps a destination's place; one removed and added again goes last (a {@code LinkedHashMap} keyed
 * by address and port, updated with {@code put}/{@code remove}, gives exactly this order).
 * The kernel's {@code __ip_vs_update_dest} (ip_vs_ctl.c) adds a new destination with
 * {@code list_add_rcu(&dest->n_list, &svc->destinations)}, at the <i>head</i> of the service's list,
 * so its list is newest first; every scheduler here turns the given list around and walks it in the
 * kernel's order. Thus with real servers A, B, C added in that order, {@code rr} picks C, B, A, C, ...
 * as IPVS does, and ties in {@code lc}, {@code wlc}, {@code fo}, ... go to the newest destination.
 *
 * <pre>{@code
 * Scheduler<MyDest> s = Scheduler.create("wrr", Set.of());
 * s.update(List.of(a, b, c));                 // oldest first
 * Optional<MyDest> d = s.pick(new SchedRequest(client, 40000, vip, 80));
 * }</pre>
 *
 * @param <D> the data plane's destination type
 */
public interface Scheduler<D extends SchedDest> {

    /**
     * The destination set changed (added, removed, weight changed): all destinations of the service,
     * oldest first (see above). Two destinations with the same address and port are refused.
     */
    void update(List<D> dests);

    /**
     * A destination for a new connection, or empty when IPVS would find none ("no destination
     * available"). Thread-safe: called from several event-loop threads.
     */
    Optional<D> pick(SchedRequest r);

    /**
     * The scheduler called {@code name} (rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh), with the
     * service's scheduler flags. As in the kernel the flags are bits: {@code sh-fallback},
     * {@code mh-fallback} and {@code flag-1} are IP_VS_SVC_F_SCHED1 (fallback), {@code sh-port},
     * {@code mh-port} and {@code flag-2} are IP_VS_SVC_F_SCHED2 (hash the client's port too); only
     * sh and mh read them.
     *
     * @throws IllegalArgumentException for an unknown name, with the list of known names
     */
    static <D extends SchedDest> Scheduler<D> create(String name, Set<SchedulerFlag> flags) {
        return Schedulers.create(name, flags);
    }
}
