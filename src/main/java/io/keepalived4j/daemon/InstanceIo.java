package io.keepalived4j.daemon;

import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.VipSet;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.AdvertBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Performs one instance's actions on the host: adverts on its socket (to the group or to each
 * unicast peer), its VIPs through {@link Vips}, gratuitous ARP / NA bursts through
 * {@link Announcer}, log lines in keepalived's wording, and events to whoever listens
 * (notifications, status). Runs on the VRRP loop thread; nothing here may block for long.
 *
 * <p>One exception: {@link #releaseDirectly}, the stop path when the loop cannot run, which is
 * called from the stopping thread. It only uses what is safe from any thread: the send socket
 * (its sends are serialised), the immutable advert builder, a netlink handle of its own, and the
 * volatile state.
 */
final class InstanceIo {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** Sends one VRRP message (IP header by the kernel); safe to call from any thread. */
    interface AdvertSink {
        void send(byte[] message, InetAddress destination) throws IOException;
    }

    /** The instance's addresses, routes and rules on the host, with keepalived's log lines. */
    interface Vips {
        void add();

        void remove();

        /** The same removal, from another thread, through {@code network} (a handle of the caller's). */
        void removeWith(NetworkStack network);

        /** The instance as it is on the host (on its VMAC with use_vmac): what add() and remove() touch. */
        VrrpInstance onHost();

        /** add() with nothing sent to the kernel and nothing logged, to warm its code (see rehearseTakeover). */
        void rehearseAdd();

        static Vips of(VrrpInstance onHost, VipSet set) {
            return new Vips() {
                @Override
                public VrrpInstance onHost() {
                    return onHost;
                }

                @Override
                public void add() {
                    for (String line : set.settingLines()) {
                        LOG.info(DaemonLogging.DETAIL, line);
                    }
                    set.add();
                }

                @Override
                public void rehearseAdd() {
                    set.settingLines(); // built, not logged: its string concatenations linked too
                    set.rehearseAdd();
                }

                @Override
                public void remove() {
                    for (String line : set.removingLines()) {
                        LOG.info(DaemonLogging.DETAIL, line);
                    }
                    set.remove();
                }

                @Override
                public void removeWith(NetworkStack network) {
                    VipSet direct = VipSet.of(onHost, network);
                    direct.removingLines().forEach(LOG::info);
                    direct.remove();
                }
            };
        }
    }

    /** Gratuitous ARPs / unsolicited NAs for the instance's VIPs, {@code count} per address. */
    interface Announcer {
        void announce(int count);

        /** Builds the frames announce() sends, sends nothing (see rehearseTakeover). */
        void rehearse();
    }

    /** What an instance tells the rest of the daemon (notifications, status). */
    interface Events {
        void stateChanged(Action.StateChanged change);

        void lowerPriorityHeard(Action.LowerPriorityHeard heard);

        void priorityChanged(Action.EffectivePriorityChanged change);

        void groupStateChanged(Action.GroupStateChanged change);
    }

    private final String name;
    private final AdvertBuilder adverts;
    private final InetAddress source;
    private final List<InetAddress> destinations;
    private final AdvertSink sink;
    private final Vips vips;
    private final Announcer announcer;
    private final Events events;
    private final InstanceStats stats;
    private volatile boolean holdsVips;

    InstanceIo(String name, AdvertBuilder adverts, InetAddress source, List<InetAddress> destinations, AdvertSink sink,
               Vips vips, Announcer announcer, Events events, InstanceStats stats) {
        this.name = name;
        this.adverts = adverts;
        this.source = source;
        this.destinations = List.copyOf(destinations);
        this.sink = sink;
        this.vips = vips;
        this.announcer = announcer;
        this.events = events;
        this.stats = stats;
    }

    String name() {
        return name;
    }

    InetAddress source() {
        return source;
    }

    InstanceStats stats() {
        return stats;
    }

    boolean holdsVips() {
        return holdsVips;
    }

    void perform(Action action) {
        switch (action) {
            case Action.SendAdvert s -> send(s.priority());
            case Action.AddVips a -> {
                vips.add();
                holdsVips = true;
            }
            case Action.RemoveVips r -> {
                vips.remove();
                holdsVips = false;
            }
            case Action.GratuitousArpBurst g -> announcer.announce(g.count());
            case Action.StateChanged sc -> {
                stats.stateChanged(sc.to());
                events.stateChanged(sc);
            }
            case Action.LowerPriorityHeard h -> events.lowerPriorityHeard(h);
            case Action.EffectivePriorityChanged pc -> events.priorityChanged(pc);
            case Action.GroupStateChanged g -> events.groupStateChanged(g);
            case Action.Log l -> {
                if (l.detail()) {
                    LOG.info(DaemonLogging.DETAIL, l.line());
                } else {
                    LOG.info(l.line());
                }
            }
            case Action.ArmTimer t -> {
            }
            case Action.CancelTimer t -> {
            }
        }
    }

    private void send(int priority) {
        for (InetAddress dst : destinations) {
            try {
                sink.send(adverts.message(priority, source, dst), dst);
                stats.advertSent(priority);
            } catch (IOException e) {
                stats.sendFailed();
                LOG.warn("({}) cannot send advert to {}: {}", name, dst.getHostAddress(), e.getMessage());
            }
        }
        if (priority == 0) {
            LOG.info(DaemonLogging.DETAIL, "({}) sent 0 priority", name);
        }
    }

    /**
     * Runs the master path once without effect: the advert encoded, the VIP pass against a stack
     * that sends nothing, the gratuitous ARP / NA frames built. A BACKUP has never run that code; on its
     * first takeover, loading and linking it (lambdas, type switches, encoders) cost 4-11 ms between
     * its first advert and its gratuitous ARPs (docs/bench-failover.md), the time clients still
     * send to the old master's MAC.
     */
    void rehearseTakeover() {
        adverts.message(adverts.template().priority(), source, destinations.getFirst());
        vips.rehearseAdd();
        announcer.rehearse();
    }

    /**
     * The stop path when the VRRP loop cannot run it (stuck or dead), from the stopping thread: a
     * MASTER's priority-0 advert, then its VIPs, routes and rules removed through {@code network}
     * (whatever state the loop last reported).
     * Idempotent with the loop's own shutdown, which may have done part of it.
     */
    void releaseDirectly(NetworkStack network) {
        if (stats.state() == VrrpState.MASTER) {
            send(0);
        }
        // Whatever the loop last did (it may have stopped half-way through a transition): removing
        // what is not there is harmless, a VIP left behind is a split brain.
        vips.removeWith(network);
        holdsVips = false;
        stats.stateChanged(VrrpState.STOP);
    }

    /** The stop's last sweep: this instance's VIPs off the host, whatever the loop did last. */
    void removeVipsWith(NetworkStack network) {
        vips.removeWith(network);
        holdsVips = false;
    }

    /**
     * A reload's successor of a MASTER takes over its VIPs, on the new loop before anything else:
     * with an unchanged VIP list they are simply its own now (nothing on the host changes); with a
     * changed one the whole new list is set (the addresses already there stay as they are: adding
     * one is a no-op) and announced with {@code garps} gratuitous ARPs / NAs, as a new master does.
     */
    void takeOverVips(boolean listChanged, int garps) {
        if (listChanged) {
            vips.add();
            announcer.announce(garps);
        }
        holdsVips = true;
    }

    /** The instance as its VIPs, routes and rules are on the host. */
    VrrpInstance onHost() {
        return vips.onHost();
    }

    /** For status: the state the instance last entered. */
    VrrpState state() {
        return stats.state();
    }
}
