package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
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
        return hosts.get(host).spec.instances().size();
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
        return hosts.get(host).holdsVips[instance];
    }

    public boolean alive(int host) {
        return hosts.get(host).alive;
    }

    public InstanceParameters parameters(int host) {
        return parameters(host, 0);
    }

    public InstanceParameters parameters(int host, int instance) {
        return hosts.get(host).spec.instances().get(instance).parameters();
    }

    /** The priority the instance advertises now (after its trackers). */
    public int effectivePriority(int host, int instance) {
        return hosts.get(host).vrrp.snapshot(instance).effectivePriority();
    }

    /** When the instance last received an advert (-1: never since it started). */
    public long lastAdvertReceived(int host, int instance) {
        return hosts.get(host).lastAdvertAt[instance];
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
        h.boot((instance, action, at) -> perform(h, instance, action), mutation);
        h.vrrp.start(now);
    }

    /** The host dies: no goodbye, its addresses vanish with it. */
    public void kill(int host) {
        SimHost h = hosts.get(host);
        h.die();
        timeline.accept(now + " " + h.name(0) + "@" + host + " host died");
    }

    /** keepalived stops gracefully (SIGTERM): priority-0 adverts, addresses removed. */
    public void stop(int host) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            h.vrrp.shutdown(now);
            h.alive = false;
        }
    }

    /** An unweighted tracker of the host's first instance fails ({@code true}) or recovers. */
    public void fault(int host, boolean faulty) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            h.vrrp.fault(0, faulty, now);
        }
    }

    /** A tracker of an instance reports a new status: its effective priority or FAULT may change. */
    public void track(int host, int instance, TrackerStatus status) {
        SimHost h = hosts.get(host);
        if (h.alive) {
            h.vrrp.track(instance, status, now);
        }
    }

    /** Processes everything due up to and including {@code end}, then sets the clock to it. */
    public void runUntil(long end) {
        while (true) {
            long next = Long.MAX_VALUE;
            SimHost timerHost = null;
            for (SimHost h : hosts) {
                OptionalLong d = h.alive ? h.vrrp.nextDeadline() : OptionalLong.empty();
                if (d.isPresent() && d.getAsLong() < next) {
                    next = d.getAsLong();
                    timerHost = h;
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
                timerHost.vrrp.fireDue(now);
            }
            observers.forEach(o -> o.accept(this));
        }
        now = end;
    }

    private void deliver(Delivery d) {
        SimHost to = hosts.get(d.to());
        int target = to.alive ? to.vrrp.indexOfVrid(d.vrid()) : -1;
        if (target < 0) {
            return;
        }
        SimHost from = hosts.get(d.from());
        InstanceParameters sender = from.spec.instances().get(from.vrrp.indexOfVrid(d.vrid())).parameters();
        to.lastAdvertAt[target] = now;
        to.vrrp.advert(target, sender.primaryAddress(), d.priority(), d.intervalCentis(), now);
    }

    /** What one instance's action means on the simulated segment. */
    private void perform(SimHost h, int instance, Action a) {
        switch (a) {
            case Action.AddVips add -> h.holdsVips[instance] = true;
            case Action.RemoveVips rm -> h.holdsVips[instance] = false;
            case Action.SendAdvert s -> send(h, instance, s.priority());
            case Action.Log l -> log.accept(now + " host " + h.index + " " + l.line());
            case Action.StateChanged sc -> {
                if (sc.to() == VrrpState.MASTER) {
                    mastersEntered++;
                }
                transitions.changed(now, h.index, h.name(instance), sc.from(), sc.to());
                timeline.accept(now + " " + h.name(instance) + "@" + h.index + " " + sc.from() + " -> " + sc.to());
            }
            default -> {
            }
        }
    }

    private void send(SimHost from, int instance, int priority) {
        HostSpec.InstanceSpec spec = from.spec.instances().get(instance);
        Set<Integer> peers = spec.unicastPeers();
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
                inFlight.add(new Delivery(now + delay, seq++, from.index, to.index, spec.parameters().vrid(), priority,
                        spec.parameters().advertIntervalCentis()));
            }
        }
    }

    private static long pair(int a, int b) {
        return Math.min(a, b) * 1_000L + Math.max(a, b);
    }
}
