package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.Event;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.SyncGroupCoordinator;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A simulated L2 segment in virtual time, in one thread: hosts run the real state machine for
 * each of their instances (with their sync group and trackers); adverts go to every other live
 * host (multicast) or to the instance's unicast peers, after a delay, and may be lost,
 * duplicated or blocked by a partition. Deterministic for a given seed.
 *
 * <pre>{@code
 * Segment seg = new Segment(List.of(paramsA, paramsB), new SplittableRandom(42));
 * seg.startAll();
 * seg.runUntil(60_000_000);
 * }</pre>
 */
public final class Segment {

    /** An advert in flight to one host. */
    private record Delivery(long at, long seq, int from, int to, int vrid, int priority, int intervalCentis) {
    }

    /** Told of every state change: the simulator's embedding hook. */
    @FunctionalInterface
    public interface TransitionListener {
        void changed(long atMicros, int host, String instance, VrrpState from, VrrpState to);
    }

    private final List<SimHost> hosts = new ArrayList<>();
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private final SplittableRandom random;
    private final VrrpStateMachine.Mutation mutation;
    private final Set<Long> blocked = new HashSet<>();
    private final List<Consumer<Segment>> observers = new ArrayList<>();
    private long seq;
    private long now;
    private double lossProbability;
    private double duplicateProbability;
    private final long baseDelayMicros = 100;
    private final long jitterMicros = 400;
    private int mastersEntered;
    private Consumer<String> timeline = line -> { };
    private Consumer<String> log = line -> { };
    private TransitionListener transitions = (at, host, instance, from, to) -> { };

    /** One multicast instance per host. */
    public Segment(List<InstanceParameters> parameters, SplittableRandom random) {
        this(parameters, random, VrrpStateMachine.Mutation.NONE);
    }

    /** With a deliberately broken state machine, for mutation tests. */
    public Segment(List<InstanceParameters> parameters, SplittableRandom random, VrrpStateMachine.Mutation mutation) {
        this(random, mutation, parameters.stream().map(HostSpec::of).toList());
    }

    private Segment(SplittableRandom random, VrrpStateMachine.Mutation mutation, List<HostSpec> hostSpecs) {
        for (int i = 0; i < hostSpecs.size(); i++) {
            hosts.add(new SimHost(i, hostSpecs.get(i)));
        }
        this.random = random;
        this.mutation = mutation;
    }

    /** Hosts with several instances, sync groups, unicast peers and trackers. */
    public static Segment ofHosts(List<HostSpec> hostSpecs, SplittableRandom random) {
        return new Segment(random, VrrpStateMachine.Mutation.NONE, hostSpecs);
    }

    public static Segment ofHosts(List<HostSpec> hostSpecs, SplittableRandom random, VrrpStateMachine.Mutation mutation) {
        return new Segment(random, mutation, hostSpecs);
    }

    public void setTransitionListener(TransitionListener listener) {
        this.transitions = listener;
    }

    /** State changes and host events, one line each, prefixed with the virtual time in microseconds. */
    public void setTimeline(Consumer<String> sink) {
        this.timeline = sink;
    }

    /** The instances' log lines in keepalived's wording, prefixed with the virtual time and host. */
    public void setLog(Consumer<String> sink) {
        this.log = sink;
    }

    /** Called after every processed event, to check invariants at every step. */
    public void addObserver(Consumer<Segment> observer) {
        observers.add(observer);
    }

    /** How many times any instance has entered MASTER so far. */
    public int mastersEntered() {
        return mastersEntered;
    }

    public long now() {
        return now;
    }

    public int size() {
        return hosts.size();
    }

    public int instanceCount(int host) {
        return hosts.get(host).instances.size();
    }

    /** The state of the host's first instance (STOP when the host is down). */
    public VrrpState state(int host) {
        return state(host, 0);
    }

    public VrrpState state(int host, int instance) {
        return hosts.get(host).state(instance);
    }

    /** Whether the host's first instance holds its VIPs. */
    public boolean holdsVips(int host) {
        return holdsVips(host, 0);
    }

    public boolean holdsVips(int host, int instance) {
        return hosts.get(host).instances.get(instance).holdsVips;
    }

    public boolean alive(int host) {
        return hosts.get(host).alive;
    }

    public InstanceParameters parameters(int host) {
        return parameters(host, 0);
    }

    public InstanceParameters parameters(int host, int instance) {
        return hosts.get(host).instances.get(instance).spec.parameters();
    }

    /** The priority the instance advertises now (after its trackers). */
    public int effectivePriority(int host, int instance) {
        return hosts.get(host).instances.get(instance).driver.snapshot().effectivePriority();
    }

    /** When the instance last received an advert (-1: never since it started). */
    public long lastAdvertReceived(int host, int instance) {
        return hosts.get(host).instances.get(instance).lastAdvertAt;
    }

    public void setLoss(double probability) {
        this.lossProbability = probability;
    }

    public void setDuplication(double probability) {
        this.duplicateProbability = probability;
    }

    /** Blocks (or unblocks) delivery between two hosts, both ways. */
    public void setPartitioned(int a, int b, boolean partitioned) {
        if (partitioned) {
            blocked.add(pair(a, b));
        } else {
            blocked.remove(pair(a, b));
        }
    }

    public boolean partitioned() {
        return !blocked.isEmpty();
    }

    public void startAll() {
        for (SimHost h : hosts) {
            start(h.index);
        }
    }

    /** Boots a host: fresh instances, as after a restart; trackers start from their configured status. */
    public void start(int host) {
        SimHost h = hosts.get(host);
        h.boot(mutation);
        for (SimInstance i : h.instances) {
            for (Event e : i.trackers.initialEvents()) {
                apply(h, i, i.driver.handle(e, now), true);
            }
            apply(h, i, i.driver.handle(new Event.Startup(), now), true);
        }
    }

    /** The host dies: no goodbye, its addresses vanish with it. */
    public void kill(int host) {
        SimHost h = hosts.get(host);
        h.die();
        timeline.accept(now + " " + h.instances.getFirst().spec.parameters().name() + "@" + host + " host died");
    }

    /** keepalived stops gracefully (SIGTERM): priority-0 adverts, addresses removed. */
    public void stop(int host) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            for (SimInstance i : h.instances) {
                apply(h, i, i.driver.handle(new Event.Shutdown(), now), false);
            }
            h.alive = false;
        }
    }

    /** An unweighted tracker of the host's first instance fails ({@code true}) or recovers. */
    public void fault(int host, boolean faulty) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            SimInstance i = h.instances.getFirst();
            apply(h, i, i.driver.handle(new Event.FaultChanged(faulty), now), true);
        }
    }

    /** A tracker of an instance reports a new status: its effective priority or FAULT may change. */
    public void track(int host, int instance, TrackerStatus status) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            SimInstance i = h.instances.get(instance);
            var update = i.trackers.update(status);
            update.logLines().forEach(l -> log.accept(now + " host " + host + " " + l));
            for (Event e : update.events()) {
                apply(h, i, i.driver.handle(e, now), true);
            }
        }
    }

    /** Processes everything due up to and including {@code end}, then sets the clock to it. */
    public void runUntil(long end) {
        while (true) {
            long next = Long.MAX_VALUE;
            SimHost timerHost = null;
            SimInstance timerInstance = null;
            for (SimHost h : hosts) {
                if (!h.alive) {
                    continue;
                }
                for (SimInstance i : h.instances) {
                    long d = i.driver.nextDeadline().orElse(Long.MAX_VALUE);
                    if (d < next) {
                        next = d;
                        timerHost = h;
                        timerInstance = i;
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
                if (timerHost == null || next > end) {
                    break;
                }
                now = next;
                apply(timerHost, timerInstance, timerInstance.driver.fireDue(now), true);
            }
            observers.forEach(o -> o.accept(this));
        }
        now = end;
    }

    private void deliver(Delivery d) {
        SimHost to = hosts.get(d.to());
        SimInstance target = to.alive ? to.byVrid(d.vrid()) : null;
        if (target == null) {
            return;
        }
        InstanceParameters sender = hosts.get(d.from()).byVrid(d.vrid()).spec.parameters();
        target.lastAdvertAt = now;
        apply(to, target, target.driver.handle(
                new Event.AdvertReceived(sender.primaryAddress(), d.priority(), d.intervalCentis()), now), true);
    }

    /** Performs one instance's actions; a state change moves its sync group unless it was forced by it. */
    private void apply(SimHost h, SimInstance i, List<Action> actions, boolean propagate) {
        for (Action a : actions) {
            switch (a) {
                case Action.AddVips add -> i.holdsVips = true;
                case Action.RemoveVips rm -> i.holdsVips = false;
                case Action.SendAdvert s -> send(h, i, s.priority());
                case Action.Log l -> log.accept(now + " host " + h.index + " " + l.line());
                case Action.StateChanged sc -> {
                    if (sc.to() == VrrpState.MASTER) {
                        mastersEntered++;
                    }
                    String name = i.spec.parameters().name();
                    transitions.changed(now, h.index, name, sc.from(), sc.to());
                    timeline.accept(now + " " + name + "@" + h.index + " " + sc.from() + " -> " + sc.to());
                    SyncGroupCoordinator group = propagate ? h.groupOf(i.driver) : null;
                    if (group != null) {
                        for (SyncGroupCoordinator.MemberActions m : group.follow(i.driver, sc, now)) {
                            apply(h, h.of(m.member()), m.actions(), false);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private void send(SimHost from, SimInstance instance, int priority) {
        Set<Integer> peers = instance.spec.unicastPeers();
        for (SimHost to : hosts) {
            if (to == from || blocked.contains(pair(from.index, to.index))
                    || (!peers.isEmpty() && !peers.contains(to.index))) {
                continue;
            }
            if (random.nextDouble() < lossProbability) {
                continue;
            }
            int copies = random.nextDouble() < duplicateProbability ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                long delay = baseDelayMicros + (jitterMicros > 0 ? random.nextLong(jitterMicros) : 0);
                inFlight.add(new Delivery(now + delay, seq++, from.index, to.index, instance.vrid(), priority,
                        instance.spec.parameters().advertIntervalCentis()));
            }
        }
    }

    private static long pair(int a, int b) {
        return Math.min(a, b) * 1_000L + Math.max(a, b);
    }
}
