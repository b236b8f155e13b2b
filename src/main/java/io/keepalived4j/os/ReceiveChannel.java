package io.keepalived4j.os;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The receiving half every socket here shares (raw VRRP, AF_PACKET ARP): the descriptor, a wake-up
 * eventfd, native buffers allocated once ({@link MessageReader}), and the rules for closing
 * while another thread is blocked in a receive. One receiver at a time; {@link #close()} may be
 * called from any thread, is idempotent and wakes a blocked receiver, which then returns empty.
 *
 * <p>Each received message goes to a {@link Parser}, which turns it into the caller's type or
 * drops it (empty); a dropped message does not end the wait.
 */
final class ReceiveChannel implements AutoCloseable {

    /** Turns one received message into a value, or drops it. */
    @FunctionalInterface
    interface Parser<T> {
        Optional<T> parse(MessageReader message, long length);
    }

    private final int fd;
    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final WakeablePoll poll;
    private final MessageReader reader;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReceiveChannel(int fd, int wakeFd, String what, int bufferSize, int nameSize, int controlSize) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.poll = new WakeablePoll(arena, fd, wakeFd, what);
        this.reader = new MessageReader(arena, fd, what, bufferSize, nameSize, controlSize);
    }

    /**
     * Takes ownership of {@code fd}: on failure (no eventfd) it is closed before the exception
     * propagates.
     *
     * @param what names the socket in error messages, e.g. "raw VRRP socket"
     */
    static ReceiveChannel of(int fd, String what, int bufferSize, int nameSize, int controlSize) throws NativeException {
        int wakeFd;
        try {
            wakeFd = Sockets.eventFd();
        } catch (NativeException | RuntimeException e) {
            Sockets.close(fd);
            throw e;
        }
        return new ReceiveChannel(fd, wakeFd, what, bufferSize, nameSize, controlSize);
    }

    int fd() {
        return fd;
    }

    /** Native memory that lives as long as the channel (e.g. a send buffer). */
    Arena arena() {
        return arena;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /**
     * Waits up to {@code timeoutNanos} for a message the parser keeps. Empty after the timeout, and
     * at once when the channel is or gets closed.
     */
    <T> Optional<T> receive(long timeoutNanos, Parser<T> parser) throws NativeException {
        long deadline = System.nanoTime() + timeoutNanos;
        receiveLock.lock();
        try {
            while (!closed.get() && poll.await(deadline) == WakeablePoll.Outcome.READABLE) {
                long n = reader.receive();
                Optional<T> got = n < 0 ? Optional.empty() : parser.parse(reader, n);
                if (got.isPresent() || System.nanoTime() - deadline >= 0) {
                    return got;
                }
            }
            return Optional.empty(); // timed out, or woken: the channel is closing
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * Reads what the kernel has queued, without waiting: at most {@code max} messages, each one the
     * parser keeps going to {@code sink}. For a caller that waits for readiness itself, on several
     * sockets at once ({@link ReadinessPoll}).
     *
     * @return how many went to the sink (0 when nothing was queued, or the channel is closed)
     */
    <T> int readQueued(int max, Parser<T> parser, Consumer<? super T> sink) throws NativeException {
        return readQueued(max, max, parser, sink);
    }

    /** At most {@code max} datagrams read without waiting, stopping once {@code keep} were kept. */
    private <T> int readQueued(int max, int keep, Parser<T> parser, Consumer<? super T> sink) throws NativeException {
        receiveLock.lock();
        try {
            int kept = 0;
            for (int read = 0; read < max && kept < keep && !closed.get(); read++) {
                long n = reader.receive();
                if (n == MessageReader.NONE) {
                    break;
                }
                Optional<T> got = n < 0 ? Optional.empty() : parser.parse(reader, n);
                if (got.isPresent()) {
                    sink.accept(got.get());
                    kept++;
                }
            }
            return kept;
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * Reads what the kernel has already queued, without waiting: the first message the parser
     * keeps among at most {@code max}, or empty when none is kept (or the channel is closed). For
     * callers on virtual threads, which must not wait inside a native call (it pins the carrier
     * thread, and there are only as many carriers as cores): they park between calls instead.
     */
    <T> Optional<T> receiveQueued(int max, Parser<T> parser) throws NativeException {
        List<T> first = new ArrayList<>(1);
        readQueued(max, 1, parser, first::add);
        return first.stream().findFirst();
    }

    /** Wakes a blocked receiver, waits for it to leave, then closes both descriptors. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        // eventfd counter += 1: poll in the receiver sees it readable and returns.
        Sockets.wake(wakeFd);
        receiveLock.lock();
        try {
            Sockets.close(fd);
            Sockets.close(wakeFd);
            arena.close();
        } finally {
            receiveLock.unlock();
        }
    }
}
