package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpListener;
import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.os.GratuitousArpSender;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.ArpSighting;
import io.keepalived4j.vrrp.instance.VipConflictDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The other half of split-brain detection: on one interface that carries IPv4 VIPs, ARP from
 * another MAC for a VIP while our instance is MASTER means another node holds it too. Listens on
 * its own thread and hands each sighting to the VRRP loop; while an instance is MASTER it also
 * sends an ARP probe (RFC 5227, sender 0.0.0.0) for its VIPs every {@link #PROBE_EVERY}, which
 * another holder answers (it ignores our gratuitous ARPs).
 */
final class VipConflictWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final Duration PROBE_EVERY = Duration.ofSeconds(10);

    /** One instance watched on this interface. */
    record Watched(InstanceIo io, VipConflictDetector detector, List<InetAddress> vips) {
    }

    private final ArpListener listener;
    private final GratuitousArpSender prober;
    private final List<Watched> watched;
    private final Thread reader;

    private VipConflictWatch(ArpListener listener, GratuitousArpSender prober, List<Watched> watched, VrrpLoop loop) {
        this.listener = listener;
        this.prober = prober;
        this.watched = List.copyOf(watched);
        this.reader = Thread.ofPlatform().name("k4j-arp-" + listener.interfaceName()).daemon(true)
                .unstarted(() -> read(loop));
    }

    static VipConflictWatch start(String interfaceName, List<Watched> watched, VrrpLoop loop) throws NativeException {
        ArpListener l = ArpListener.open(interfaceName);
        GratuitousArpSender p;
        try {
            p = GratuitousArpSender.open(interfaceName);
        } catch (NativeException e) {
            l.close();
            throw e;
        }
        VipConflictWatch w = new VipConflictWatch(l, p, watched, loop);
        w.reader.start();
        return w;
    }

    private void read(VrrpLoop loop) {
        long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        while (listener.isOpen()) {
            try {
                Optional<ArpPacket> p = listener.receive(Duration.ofSeconds(1));
                p.ifPresent(packet -> loop.submit(() -> sighted(packet)));
                if (System.nanoTime() >= nextProbe) {
                    nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                    probe();
                }
            } catch (NativeException e) {
                if (!listener.isOpen()) {
                    return;
                }
                LOG.warn("ARP watch on {}: {}", listener.interfaceName(), e.getMessage());
            }
        }
    }

    /** On the VRRP loop: each instance's detector judges the sighting by the instance's state now. */
    private void sighted(ArpPacket p) {
        ArpSighting s = new ArpSighting(p.operation(), p.senderIp(), p.senderMac(), p.targetIp());
        for (Watched w : watched) {
            w.detector().observe(s, w.io().state() == VrrpState.MASTER).ifPresent(line -> {
                w.io().stats().splitBrain();
                LOG.error(line);
            });
        }
    }

    private void probe() {
        for (Watched w : watched) {
            if (w.io().state() != VrrpState.MASTER) {
                continue;
            }
            for (InetAddress vip : w.vips()) {
                if (vip instanceof Inet4Address v4) {
                    try {
                        prober.sendProbe(v4);
                    } catch (IOException e) {
                        LOG.warn("({}) ARP probe for {}: {}", w.io().name(), v4.getHostAddress(), e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        listener.close();
        prober.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
