package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.ArpSighting;
import io.keepalived4j.vrrp.instance.VipConflictDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived4j's addition to split-brain detection (off with {@code --no-arp-watch}): on one
 * interface that carries IPv4 VIPs, ARP from another MAC for a VIP while our instance is MASTER
 * means another node holds it too. Only ARP whose sender is one of our VIPs reaches us (a kernel
 * filter, {@code SocketFilter.arpFrom}), and of that only what comes from a MAC that is not ours is
 * handed to the VRRP loop, through its bounded packet queue. While an instance is MASTER it also
 * sends an ARP probe (RFC 5227, sender 0.0.0.0) for its VIPs every {@link #PROBE_EVERY}, which
 * another holder answers (it ignores our gratuitous ARPs); {@code --no-arp-probe} turns only that off.
 * Its {@link #step} is run by the {@link Supervisor}: one wait for ARP that lasts until the next
 * probe is due (the kernel filter lets through only what concerns us, so the thread sleeps for
 * seconds; a wake-up a second was a fifth of an idle node's spare threads' CPU, issue 12). A close
 * ends the wait at once.
 */
final class VipConflictWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final Duration PROBE_EVERY = Duration.ofSeconds(10);
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    /** One instance watched on this interface. */
    record Watched(InstanceIo io, VipConflictDetector detector, List<InetAddress> vips) {
    }

    private final String interfaceName;
    private final HostOs.ArpChannel channel;
    private final List<Watched> watched;
    private final Set<InetAddress> vips = new HashSet<>();
    private final Set<String> ourMacs = new HashSet<>();
    private final VrrpLoop loop;
    private final boolean probe;
    private final FaultHooks faults;
    private long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();

    private VipConflictWatch(String interfaceName, HostOs.ArpChannel channel, List<Watched> watched, List<byte[]> ourMacs,
                             VrrpLoop loop, boolean probe, FaultHooks faults) {
        this.interfaceName = interfaceName;
        this.channel = channel;
        this.watched = List.copyOf(watched);
        this.loop = loop;
        this.probe = probe;
        this.faults = faults;
        watched.forEach(w -> vips.addAll(w.vips()));
        ourMacs.forEach(m -> this.ourMacs.add(MAC.formatHex(m)));
    }

    static VipConflictWatch open(HostOs os, String interfaceName, List<Watched> watched, List<byte[]> ourMacs,
                                 VrrpLoop loop, boolean probe, FaultHooks faults) throws IOException {
        List<Inet4Address> v4 = new ArrayList<>();
        for (Watched w : watched) {
            for (InetAddress a : w.vips()) {
                if (a instanceof Inet4Address a4 && !v4.contains(a4)) {
                    v4.add(a4);
                }
            }
        }
        HostOs.ArpChannel c = os.openArp(interfaceName, v4);
        return new VipConflictWatch(interfaceName, c, watched, ourMacs, loop, probe, faults);
    }

    String threadName() {
        return "k4j-arp-" + interfaceName;
    }

    /** One receive (and the periodic probe when it is due). */
    void step() throws IOException {
        faults.inArpWatch(threadName());
        long untilProbe = Math.max(1_000_000L, nextProbe - System.nanoTime());
        Optional<ArpPacket> p = channel.receive(Duration.ofNanos(probe ? untilProbe : PROBE_EVERY.toNanos()));
        if (p.isPresent() && vips.contains(p.get().senderIp()) && !ourMacs.contains(MAC.formatHex(p.get().senderMac()))) {
            ArpPacket packet = p.get();
            ArpSighting s = new ArpSighting(packet.operation(), packet.senderIp(), packet.senderMac(), packet.targetIp());
            loop.offer(() -> sighted(s));
        }
        if (probe && System.nanoTime() - nextProbe >= 0) {
            nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
            probe();
        }
    }

    /** On the VRRP loop: each instance's detector judges the sighting by the instance's state now. */
    private void sighted(ArpSighting s) {
        long now = loop.now();
        for (Watched w : watched) {
            w.detector().observe(s, w.io().state() == VrrpState.MASTER, now).ifPresent(line -> {
                w.io().stats().splitBrain(line);
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
                        channel.probe(v4);
                    } catch (IOException e) {
                        LOG.warn("({}) ARP probe for {}: {}", w.io().name(), v4.getHostAddress(), e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
