package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** PLACEHOLDER until the schedulers branch lands: round robin over weight > 0. */
public interface Scheduler<D extends SchedDest> {
    void update(List<D> dests);

    Optional<D> pick(SchedRequest r);

    static <D extends SchedDest> Scheduler<D> create(String name, Set<io.keepalived4j.config.model.lvs.SchedulerFlag> flags) {
        return new Scheduler<>() {
            private volatile List<D> list = List.of();
            private int next;

            @Override
            public void update(List<D> dests) {
                list = List.copyOf(dests);
            }

            @Override
            public synchronized Optional<D> pick(SchedRequest r) {
                List<D> l = list;
                for (int i = 0; i < l.size(); i++) {
                    D d = l.get(next++ % l.size());
                    if (d.weight() > 0 && !d.overloaded()) {
                        return Optional.of(d);
                    }
                }
                return Optional.empty();
            }
        };
    }
}
