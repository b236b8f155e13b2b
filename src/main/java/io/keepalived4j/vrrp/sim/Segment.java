package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.Event;
import io.keepalived4j.vrrp.engine.InstanceDriver;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A simulated L2 segment in virtual time, in one thread: N hosts run the real state machine;
 * adverts are delivered to every other live host after a delay, and may be lost, duplicated or
 * blocked by a partition. Deterministic for a given seed.
 *
 * <pre>{@code
 * Segment seg = new Segment(List.of(paramsA, paramsB), new SplittableRandom(42));
 * seg.startAll();
 * seg.runUntil(60_000_000);
 * }</pre>
 */
public final class Segment {

    /** An advert in flight. */
    private record Delivery(long at, long seq, int from, int to, int priority, int intervalCentis) {
    }

    private final List<SimNode> nodes = new ArrayList<>();
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private final SplittableRandom random;
    private final Set<Long> blocked = new HashSet<>();
    private long seq;
    private long now;
    private double lossProbability;
    private double duplicateProbability;
    private long baseDelayMicros = 100;
    private long jitterMicros = 400;
    private Consumer<String> timeline = line -> { };
    private final List<Consumer<Segment>> observers = new ArrayList<>();

    /** Told of every state change: the simulator's embedding hook. */
    @FunctionalInterface
    public interface TransitionListener {
        void changed(long atMicros, int node, VrrpState from, VrrpState to);
    }

    private final VrrpStateMachine.Mutation mutation;
    private int mastersEntered;
    private TransitionListener transitions = (at, node, from, to) -> { };

    public Segment(List<InstanceParameters> parameters, SplittableRandom random) {
        this(parameters, random, VrrpStateMachine.Mutation.NONE);
    }

    /** With a deliberately broken state machine, for mutation tests. */
    public Segment(List<InstanceParameters> parameters, SplittableRandom random, VrrpStateMachine.Mutation mutation) {
        for (int i = 0; i < parameters.size(); i++) {
            nodes.add(new SimNode(i, parameters.get(i)));
        }
        this.random = random;
        this.mutation = mutation;
    }

    public void setTransitionListener(TransitionListener listener) {
        this.transitions = listener;
    }

    /** How many times any node has entered MASTER so far. */
    public int mastersEntered() {
        return mastersEntered;
    }

    public long now() {
        return now;
    }

    public int size() {
        return nodes.size();
    }

    public VrrpState state(int node) {
        return nodes.get(node).state();
    }

    public boolean holdsVips(int node) {
        return nodes.get(node).holdsVips;
    }

    public boolean alive(int node) {
        return nodes.get(node).alive;
    }

    public InstanceParameters parameters(int node) {
        return nodes.get(node).parameters;
    }

    public void setTimeline(Consumer<String> sink) {
        this.timeline = sink;
    }

    /** Called after every processed event, to check invariants at every step. */
    public void addObserver(Consumer<Segment> observer) {
        observers.add(observer);
    }

    public void setLoss(double probability) {
        this.lossProbability = probability;
    }

    public void setDuplication(double probability) {
        this.duplicateProbability = probability;
    }

    /** Blocks (or unblocks) delivery between two hosts, both ways. */
    public void setPartitioned(int a, int b, boolean partitioned) {
        long key = Math.min(a, b) * 1_000L + Math.max(a, b);
        if (partitioned) {
            blocked.add(key);
        } else {
            blocked.remove(key);
        }
    }

    public boolean partitioned() {
        return !blocked.isEmpty();
    }

    public void startAll() {
        for (SimNode n : nodes) {
            start(n.index);
        }
    }

    /** Boots a host: a fresh instance, as after a restart. */
    public void start(int node) {
        SimNode n = nodes.get(node);
        n.driver = new InstanceDriver(n.parameters, mutation);
        n.alive = true;
        n.holdsVips = false;
        apply(n, n.driver.handle(new Event.Startup(), now));
    }

    /** The host dies: no goodbye, its addresses vanish with it. */
    public void kill(int node) {
        SimNode n = nodes.get(node);
        n.alive = false;
        n.holdsVips = false;
        timeline.accept(now + " " + n.parameters.name() + "@" + node + " host died");
    }

    /** keepalived stops gracefully (SIGTERM): priority-0 advert, addresses removed. */
    public void stop(int node) {
        SimNode n = nodes.get(node);
        if (n.alive) {
            apply(n, n.driver.handle(new Event.Shutdown(), now));
            n.alive = false;
        }
    }

    /** An unweighted tracker of the node fails ({@code true}) or recovers: FAULT and back. */
    public void fault(int node, boolean faulty) {
        SimNode n = nodes.get(node);
        if (n.alive) {
            apply(n, n.driver.handle(new Event.FaultChanged(faulty), now));
        }
    }

    /** Processes everything due up to and including {@code end}, then sets the clock to it. */
    public void runUntil(long end) {
        while (true) {
            long next = Long.MAX_VALUE;
            SimNode timerNode = null;
            for (SimNode n : nodes) {
                if (n.alive) {
                    Optional<Long> d = n.driver.nextDeadline();
                    if (d.isPresent() && d.get() < next) {
                        next = d.get();
                        timerNode = n;
                    }
                }
            }
            Delivery head = inFlight.peek();
            if (head != null && head.at() <= next) {
                if (head.at() > end) {
                    break;
                }
                inFlight.poll();
                now = head.at();
                deliver(head);
            } else {
                if (timerNode == null || next > end) {
                    break;
                }
                now = next;
                apply(timerNode, timerNode.driver.fireDue(now));
            }
            observers.forEach(o -> o.accept(this));
        }
        now = end;
    }

    private void deliver(Delivery d) {
        SimNode to = nodes.get(d.to());
        if (!to.alive) {
            return;
        }
        apply(to, to.driver.handle(new Event.AdvertReceived(nodes.get(d.from()).parameters.primaryAddress(),
                d.priority(), d.intervalCentis()), now));
    }

    private void apply(SimNode n, List<Action> actions) {
        for (Action a : actions) {
            switch (a) {
                case Action.AddVips add -> n.holdsVips = true;
                case Action.RemoveVips rm -> n.holdsVips = false;
                case Action.SendAdvert s -> send(n, s.priority());
                case Action.StateChanged sc -> {
                    if (sc.to() == VrrpState.MASTER) {
                        mastersEntered++;
                    }
                    transitions.changed(now, n.index, sc.from(), sc.to());
                    timeline.accept(now + " " + n.parameters.name() + "@" + n.index + " " + sc.from() + " -> " + sc.to());
                }
                default -> {
                }
            }
        }
    }

    private void send(SimNode from, int priority) {
        for (SimNode to : nodes) {
            if (to == from || blocked.contains(Math.min(from.index, to.index) * 1_000L + Math.max(from.index, to.index))) {
                continue;
            }
            if (random.nextDouble() < lossProbability) {
                continue;
            }
            int copies = random.nextDouble() < duplicateProbability ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                long delay = baseDelayMicros + (jitterMicros > 0 ? random.nextLong(jitterMicros) : 0);
                inFlight.add(new Delivery(now + delay, seq++, from.index, to.index, priority,
                        from.parameters.advertIntervalCentis()));
            }
        }
    }
}
