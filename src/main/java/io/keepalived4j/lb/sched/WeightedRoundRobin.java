package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;

/**
 * {@code wrr}, net/netfilter/ipvs/ip_vs_wrr.c. The mark holds the destination picked last (or the
 * list head), {@code di} (the gcd of the weights above 0, or 1), {@code mw} (the largest weight
 * minus {@code di - 1}, so that the last pass asks for weight 1) and {@code cw}, the weight a
 * destination needs now. Each pass over the list takes destinations with weight {@code >= cw} that
 * are not overloaded; at the end of the list {@code cw} drops by {@code di}, and below 1 starts again
 * at {@code mw}. Weights 4, 3, 2 give A B A C B A C B A, ... (period 9).
 *
 * <p>{@link #update} is {@code ip_vs_wrr_dest_changed}: the mark goes back to the head, di and mw are
 * recomputed from the weights then, and cw is kept when it still fits ({@code cw > mw} or 0: mw;
 * else with {@code di > 1}: rounded down to a multiple of di, plus 1). The kernel runs it once per
 * added, removed or changed destination; one {@code update} runs it once for the new set.
 */
final class WeightedRoundRobin<D extends SchedDest> implements Scheduler<D> {

    private static final int HEAD = -1;
    private static final int NONE = -2;

    private List<D> dests = List.of();
    private int cl = HEAD;
    private int cw;
    private int mw;
    private int di = 1;

    @Override
    public synchronized void update(List<D> oldestFirst) {
        dests = DestOrder.ipvsOrder(oldestFirst);
        cl = HEAD;
        di = gcdWeight(dests);
        mw = maxWeight(dests) - (di - 1);
        if (cw > mw || cw == 0) {
            cw = mw;
        } else if (di > 1) {
            cw = (cw / di) * di + 1;
        }
    }

    @Override
    public synchronized Optional<D> pick(SchedRequest r) {
        if (mw == 0) {
            return Optional.empty();
        }
        int n = dests.size();
        int pos = cl;
        int last = cl;
        int stop = NONE;
        boolean lastPass = false;
        boolean restarted = false;
        while (true) {
            for (int i = pos + 1; i < n; i++) {
                D d = dests.get(i);
                if (!d.overloaded() && d.weight() >= cw) {
                    cl = i;
                    return Optional.of(d);
                }
                if (i == stop) {
                    cl = i;
                    return Optional.empty();
                }
            }
            pos = HEAD;
            cw -= di;
            if (cw <= 0) {
                cw = mw;
                // Stop if the last pass (weight >= 1) already covered every destination.
                if (lastPass || last == HEAD) {
                    cl = HEAD;
                    return Optional.empty();
                }
                restarted = true;
            }
            lastPass = cw <= di;
            if (lastPass && restarted && last != HEAD) {
                // The first traversal asked for weight >= 1 only after 'last'; now up to 'last'.
                stop = last;
            }
        }
    }

    private static int gcdWeight(List<? extends SchedDest> dests) {
        int g = 0;
        for (SchedDest d : dests) {
            int w = d.weight();
            if (w > 0) {
                g = g > 0 ? gcd(w, g) : w;
            }
        }
        return g != 0 ? g : 1;
    }

    private static int maxWeight(List<? extends SchedDest> dests) {
        int m = 0;
        for (SchedDest d : dests) {
            m = Math.max(m, d.weight());
        }
        return m;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
