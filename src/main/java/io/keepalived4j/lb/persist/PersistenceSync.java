package io.keepalived4j.lb.persist;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Keeps the persistence tables of the directors alike, so that after a failover a client that
 * reconnects reaches the real server it had (IPVS's analogue: the connection sync daemon that
 * keepalived's {@code lvs_sync_daemon} starts). Every node sends the templates its table makes or
 * refreshes to its peers over UDP and installs theirs; a node that does not hold the VIP makes
 * none, so in practice the MASTER sends and the BACKUPs learn, and after a failover the roles turn
 * by themselves. Wire format, bounds, counters and security: docs/persistence.md.
 *
 * <pre>{@code
 * SyncSettings s = SyncSettings.unicast(51, new InetSocketAddress(myPrivateIp, 8848),
 *         List.of(new InetSocketAddress(peerPrivateIp, 8848)));
 * try (PersistenceSync sync = PersistenceSync.start(table, s, System::nanoTime, daemon::fail)) {
 *     ...
 * }
 * }</pre>
 */
public final class PersistenceSync implements AutoCloseable {

    /** How long {@link #close()} waits for the two sync threads. */
    static final Duration STOP_BOUND = Duration.ofSeconds(2);

    private final PersistenceTable table;
    private final DatagramChannel channel;
    private final SyncSender sender;
    private final SyncReceiver receiver;
    private final SupervisedLoop sendLoop;
    private final SupervisedLoop receiveLoop;

    private PersistenceSync(PersistenceTable table, DatagramChannel channel, SyncSettings settings, LongSupplier clock,
                            Consumer<String> onFailure) {
        this.table = table;
        this.channel = channel;
        this.sender = new SyncSender(channel, settings, clock);
        this.receiver = new SyncReceiver(channel, settings, table, clock);
        String name = "k4j-persist-sync-" + settings.syncId();
        this.receiveLoop = SupervisedLoop.start(name + "-rx", receiver::step, onFailure);
        this.sendLoop = SupervisedLoop.start(name + "-tx", sender::step, onFailure);
        table.announceTo(sender::offer);
    }

    /**
     * Binds {@code settings.listen()} (joining the multicast group, if a peer is one) and starts
     * sending {@code table}'s announcements and installing the peers'.
     *
     * @param clock     nanoseconds, as the table's callers pass them ({@code System::nanoTime})
     * @param onFailure told when a sync thread gives up (the daemon decides: stop, or run without sync)
     */
    public static PersistenceSync start(PersistenceTable table, SyncSettings settings, LongSupplier clock,
                                        Consumer<String> onFailure) throws IOException {
        boolean v4 = settings.listen().getAddress() instanceof Inet4Address;
        DatagramChannel ch = DatagramChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            ch.bind(settings.listen());
            return start(table, settings, clock, onFailure, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The same on a channel its caller bound (and hands over: closed by {@link #close()}, or here
     * when the start fails). Tests bind two channels first so each node can name the other's port.
     */
    static PersistenceSync start(PersistenceTable table, SyncSettings settings, LongSupplier clock,
                                 Consumer<String> onFailure, DatagramChannel bound) throws IOException {
        try {
            if (settings.multicast()) {
                NetworkInterface ni = NetworkInterface.getByName(settings.multicastInterface().orElseThrow());
                if (ni == null) {
                    throw new IOException("no interface " + settings.multicastInterface().get());
                }
                bound.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
                bound.setOption(StandardSocketOptions.IP_MULTICAST_TTL, settings.ttl());
                bound.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
                for (InetSocketAddress p : settings.peers()) {
                    if (p.getAddress().isMulticastAddress()) {
                        bound.join(p.getAddress(), ni);
                    }
                }
            }
            return new PersistenceSync(table, bound, settings, clock, onFailure);
        } catch (IOException | RuntimeException e) {
            bound.close();
            throw e;
        }
    }

    /** The bound address (with the port chosen when the settings said 0). */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public SyncCounters counters() {
        return new SyncCounters(sender.announced.sum(), sender.dropped.sum(), sender.datagrams.sum(),
                sender.entries.sum(), sender.sendErrors.sum(), receiver.received.sum(), receiver.foreignSource.sum(),
                sums(receiver.malformed), receiver.otherSyncId.sum(), receiver.ownNode.sum(), sums(receiver.installs),
                sendLoop.restarts() + receiveLoop.restarts());
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(), (a, b) -> a, TreeMap::new));
    }

    /** Stops announcing, closes the socket, waits (bounded) for the sync threads. */
    @Override
    public void close() {
        table.announceTo(b -> {
        });
        // Both first: interrupting the receiver's blocked receive closes the channel under the sender.
        receiveLoop.expectStop();
        sendLoop.expectStop();
        receiveLoop.requestStop();
        sendLoop.requestStop();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a datagram channel does not fail in practice; the threads end either way.
        }
        long deadline = System.nanoTime() + STOP_BOUND.toNanos();
        receiveLoop.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        sendLoop.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
}
