package io.keepalived4j.lb.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends the templates the table announces to every peer: a bounded queue (full: dropped and
 * counted; the table announces again within its resync period), batches as large as
 * {@code maxDatagram} allows, at most {@code maxDatagramsPerSecond}. The table's threads only
 * {@link #offer}; one sync thread runs {@link #step}.
 */
final class SyncSender {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceSync.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final DatagramChannel channel;
    private final SyncSettings settings;
    private final LongSupplier clock;
    private final ArrayBlockingQueue<Binding> queue;
    private final TokenBucket bucket;
    final LongAdder announced = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder datagrams = new LongAdder();
    final LongAdder entries = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    private SyncEntry carry;            // the entry that did not fit the last datagram
    private long lastErrorLog = Long.MIN_VALUE;

    SyncSender(DatagramChannel channel, SyncSettings settings, LongSupplier clock) {
        this.channel = channel;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.bucket = new TokenBucket(settings.maxDatagramsPerSecond(), settings.maxDatagramsPerSecond());
    }

    /** From any thread: queue {@code b} for the peers, or count it dropped. Never blocks. */
    void offer(Binding b) {
        if (queue.offer(b)) {
            announced.increment();
        } else {
            dropped.increment();
        }
    }

    /** One datagram's worth: waits at most 100 ms for something to send. */
    void step() throws InterruptedException, ClosedChannelException {
        SyncEntry first = carry;
        carry = null;
        while (first == null) {
            Binding b = queue.poll(100, TimeUnit.MILLISECONDS);
            if (b == null) {
                return;
            }
            first = b.syncEntry(clock.getAsLong());
        }
        List<SyncEntry> batch = new ArrayList<>();
        batch.add(first);
        int size = SyncCodec.HEADER_BYTES + first.wireSize();
        Binding b;
        while (batch.size() < 0xffff && (b = queue.poll()) != null) {
            SyncEntry e = b.syncEntry(clock.getAsLong());
            if (e == null) {
                continue;   // expired or replaced meanwhile
            }
            if (size + e.wireSize() > settings.maxDatagram()) {
                carry = e;
                break;
            }
            batch.add(e);
            size += e.wireSize();
        }
        ByteBuffer datagram = ByteBuffer.wrap(SyncCodec.encode(new SyncMessage(settings.syncId(), settings.nodeId(), batch)));
        for (InetSocketAddress peer : settings.peers()) {
            pace();
            try {
                channel.send(datagram.duplicate(), peer);
                datagrams.increment();
                entries.add(batch.size());
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                sendErrors.increment();
                long now = clock.getAsLong();
                if (lastErrorLog == Long.MIN_VALUE || now - lastErrorLog >= LOG_INTERVAL_NANOS) {
                    lastErrorLog = now;
                    LOG.warn("persistence sync: cannot send to {}: {} ({} send errors so far)", peer, e.toString(), sendErrors.sum());
                }
            }
        }
    }

    private void pace() throws InterruptedException {
        long wait;
        while ((wait = bucket.take(clock.getAsLong())) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
