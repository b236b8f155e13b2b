package io.keepalived4j.lb.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Receives the peers' datagrams and installs their templates. Everything is checked and counted,
 * nothing throws: a datagram from an address that is not a unicast peer, a malformed one
 * (by {@link SyncReject}), one of another sync id, this node's own, entries of services this node
 * does not have. Logs about bad input are limited to one line a minute.
 */
final class SyncReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceSync.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final DatagramChannel channel;
    private final SyncSettings settings;
    private final PersistenceTable table;
    private final LongSupplier clock;
    private final Set<InetAddress> peerAddresses;   // empty with a multicast group: any source
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    final LongAdder received = new LongAdder();
    final LongAdder foreignSource = new LongAdder();
    final LongAdder otherSyncId = new LongAdder();
    final LongAdder ownNode = new LongAdder();
    final Map<SyncReject, LongAdder> malformed = new EnumMap<>(SyncReject.class);
    final Map<PersistenceTable.InstallOutcome, LongAdder> installs = new EnumMap<>(PersistenceTable.InstallOutcome.class);
    private long lastBadLog = Long.MIN_VALUE;
    private long badSinceLog;

    SyncReceiver(DatagramChannel channel, SyncSettings settings, PersistenceTable table, LongSupplier clock) {
        this.channel = channel;
        this.settings = settings;
        this.table = table;
        this.clock = clock;
        this.peerAddresses = settings.multicast() ? Set.of()
                : settings.peers().stream().map(InetSocketAddress::getAddress).collect(Collectors.toUnmodifiableSet());
        for (SyncReject r : SyncReject.values()) {
            malformed.put(r, new LongAdder());
        }
        for (PersistenceTable.InstallOutcome o : PersistenceTable.InstallOutcome.values()) {
            installs.put(o, new LongAdder());
        }
    }

    /** Receives and handles one datagram (blocks until one comes or the channel closes). */
    void step() throws IOException {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        if (from == null) {
            return;
        }
        buffer.flip();
        received.increment();
        InetSocketAddress source = (InetSocketAddress) from;
        if (!peerAddresses.isEmpty() && !peerAddresses.contains(source.getAddress())) {
            foreignSource.increment();
            bad("a datagram from " + source + ", not a peer");
            return;
        }
        switch (SyncCodec.decode(buffer)) {
            case SyncDecodeResult.Rejected r -> {
                malformed.get(r.reason()).increment();
                bad("a malformed datagram from " + source + " (" + r.reason() + ")");
            }
            case SyncDecodeResult.Decoded d -> handle(d.message());
        }
    }

    private void handle(SyncMessage m) {
        if (m.syncId() != settings.syncId()) {
            otherSyncId.increment();
            return;
        }
        if (m.nodeId() == settings.nodeId()) {
            ownNode.increment();
            return;
        }
        long now = clock.getAsLong();
        for (SyncEntry e : m.entries()) {
            PersistenceTable.InstallOutcome o = table.install(e.service(), e.client(), e.destination(),
                    e.remainingMillis() * 1_000_000L, now);
            installs.get(o).increment();
        }
    }

    private void bad(String what) {
        badSinceLog++;
        long now = clock.getAsLong();
        if (lastBadLog == Long.MIN_VALUE || now - lastBadLog >= LOG_INTERVAL_NANOS) {
            LOG.warn("persistence sync: dropped {} ({} dropped since the last report)", what, badSinceLog);
            lastBadLog = now;
            badSinceLog = 0;
        }
    }
}
