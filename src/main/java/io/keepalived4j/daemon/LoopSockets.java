package io.keepalived4j.daemon;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.ReadinessPoll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receive sockets a {@link VrrpLoop} reads itself: its one wait on them (with the loop's next
 * timer and wake-ups), reading what they hold in the loop's turn, and restarting one whose read
 * fails as the {@link Supervisor} restarts a thread (same {@link RestartBudget}, log line and
 * limits; its restarts counted under the name its thread had), left out of the wait meanwhile.
 *
 * <p>The loop thread's, but for {@link #wake()} (any thread) and {@link #remove} of a loop that no
 * longer runs. The wait exists once the first socket is attached; without sockets the loop parks.
 */
final class LoopSockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** A receiving socket the loop reads itself. */
    interface PolledSocket {
        /** Names it in logs and restart counts, as its thread would have been named. */
        String name();

        int fd();

        /** Reads at most {@code max} queued packets, without waiting, and handles them; {@code arrived} is when the wait ended. */
        void readQueued(int max, long arrived) throws Exception;
    }

    /** One socket and its supervision. */
    private static final class Attached {
        final PolledSocket socket;
        final RestartBudget budget = new RestartBudget();
        long resumeAtNanos;
        boolean readable;
        boolean givenUp;

        Attached(PolledSocket socket) {
            this.socket = socket;
        }
    }

    private final List<Attached> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
    private volatile ReadinessPoll readiness;
    private int[] pollFds = new int[0];
    private Attached[] polled = new Attached[0];

    /** @throws NativeException when the wait (an eventfd) cannot be made */
    void attach(PolledSocket socket) throws NativeException {
        if (sockets.size() >= ReadinessPoll.MAX_SOCKETS) {
            throw new IllegalStateException("more than " + ReadinessPoll.MAX_SOCKETS
                    + " VRRP receive sockets (one per interface and address family)");
        }
        if (readiness == null) {
            readiness = ReadinessPoll.open();
        }
        sockets.add(new Attached(socket));
        restarts.putIfAbsent(socket.name(), new AtomicLong());
    }

    void remove(PolledSocket socket) {
        sockets.removeIf(a -> a.socket == socket);
    }

    /** Whether the loop waits here (a socket was attached) rather than parking. */
    boolean waitsHere() {
        return readiness != null;
    }

    /** Ends the current or next wait; false when there is no wait here (the caller unparks instead). */
    boolean wake() {
        ReadinessPoll poll = readiness;
        if (poll == null) {
            return false;
        }
        poll.wake();
        return true;
    }

    /**
     * One wait on the sockets not backing off, at most {@code waitNanos} (0: just look); a
     * backing-off socket ends the wait when it may be read again.
     */
    void await(long waitNanos) throws NativeException {
        int n = 0;
        long now = System.nanoTime();
        if (pollFds.length < sockets.size()) {
            pollFds = new int[sockets.size()];
            polled = new Attached[sockets.size()];
        }
        for (Attached a : sockets) {
            a.readable = false;
            if (a.givenUp) {
                continue;
            }
            long untilResume = a.resumeAtNanos - now;
            if (untilResume > 0) {
                waitNanos = Math.min(waitNanos, untilResume);
                continue;
            }
            if (n < pollFds.length) {
                pollFds[n] = a.socket.fd();
                polled[n++] = a;
            }
        }
        readiness.await(pollFds, n, Math.max(0, waitNanos));
        for (int i = 0; i < n; i++) {
            polled[i].readable = readiness.readable(i);
            polled[i] = null;
        }
    }

    /** Each socket not backing off: the fault hook, then what it holds when the wait said readable. */
    void read(long arrived, FaultHooks faults, Supervisor.Escalation escalation) {
        for (Attached a : sockets) {
            if (a.givenUp || System.nanoTime() - a.resumeAtNanos < 0) {
                continue;
            }
            try {
                faults.inReceiver(a.socket.name());
                if (a.readable) {
                    a.readable = false;
                    a.socket.readQueued(VrrpLoop.SOCKET_BATCH, arrived);
                    a.budget.succeeded(); // a read that worked, not a turn that did not read: the backoff grows
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                failed(a, t, escalation);
            }
        }
    }

    /** As the {@link Supervisor} does for a thread: back off and read it again, or give up on the daemon. */
    private void failed(Attached a, Throwable t, Supervisor.Escalation escalation) {
        String name = a.socket.name();
        if (a.budget.failedAndExhausted(System.nanoTime())) {
            a.givenUp = true;
            String reason = Supervisor.exhausted(name, a.budget, t);
            LOG.error("{}: giving up, stopping the daemon", reason);
            escalation.giveUp(reason);
            return;
        }
        long backoffMillis = a.budget.nextBackoffMillis();
        Supervisor.logRestart(name, t, backoffMillis);
        restarts.get(name).incrementAndGet();
        a.resumeAtNanos = System.nanoTime() + backoffMillis * 1_000_000L;
    }

    /** How often each socket was restarted after a failed read. */
    Map<String, Long> restarts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        restarts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Closes the wait (idempotent); the loop thread has left it. */
    @Override
    public void close() {
        ReadinessPoll poll = readiness;
        if (poll != null) {
            poll.close();
        }
    }
}
