package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.AdvertBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Performs one instance's actions on the host: adverts on its socket (to the group or to each
 * unicast peer), its VIPs through {@link Vips}, gratuitous ARP / NA bursts through
 * {@link Announcer}, log lines in keepalived's wording, and state changes to whoever listens
 * (notifications, status). Runs on the VRRP loop thread; nothing here may block for long.
 */
final class InstanceIo {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** Sends one VRRP message (IP header by the kernel). */
    interface AdvertSink {
        void send(byte[] message, InetAddress destination) throws IOException;
    }

    /** The instance's addresses, routes and rules on the host, with keepalived's log lines. */
    interface Vips {
        void add();

        void remove();

        static Vips of(io.keepalived4j.daemon.net.VipSet set) {
            return new Vips() {
                @Override
                public void add() {
                    set.settingLines().forEach(LOG::info);
                    set.add();
                }

                @Override
                public void remove() {
                    set.removingLines().forEach(LOG::info);
                    set.remove();
                }
            };
        }
    }

    /** Gratuitous ARPs / unsolicited NAs for the instance's VIPs, {@code count} per address. */
    interface Announcer {
        void announce(int count);
    }

    private final String name;
    private final AdvertBuilder adverts;
    private final InetAddress source;
    private final List<InetAddress> destinations;
    private final AdvertSink sink;
    private final Vips vips;
    private final Announcer announcer;
    private final Consumer<Action.StateChanged> stateListener;
    private final InstanceStats stats;
    private boolean holdsVips;

    InstanceIo(String name, AdvertBuilder adverts, InetAddress source, List<InetAddress> destinations, AdvertSink sink,
               Vips vips, Announcer announcer, Consumer<Action.StateChanged> stateListener, InstanceStats stats) {
        this.name = name;
        this.adverts = adverts;
        this.source = source;
        this.destinations = List.copyOf(destinations);
        this.sink = sink;
        this.vips = vips;
        this.announcer = announcer;
        this.stateListener = stateListener;
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
                stateListener.accept(sc);
            }
            case Action.Log l -> LOG.info(l.line());
            default -> {
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
            LOG.info("({}) sent 0 priority", name);
        }
    }

    /** For status: the state the instance last entered. */
    VrrpState state() {
        return stats.state();
    }
}
