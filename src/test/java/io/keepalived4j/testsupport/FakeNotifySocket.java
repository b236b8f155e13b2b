package io.keepalived4j.testsupport;

import io.keepalived4j.os.UnixDatagramReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * systemd's side of sd_notify for tests where systemd is not PID 1: a datagram socket bound at a
 * path (reachable from any network namespace, unlike an abstract name) whose messages a thread
 * collects, in order. Give a daemon {@code NOTIFY_SOCKET=}{@link #path()}.
 *
 * <pre>{@code
 * try (FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"))) {
 *     ... start the daemon with NOTIFY_SOCKET=manager.path() ...
 *     manager.await("READY=1", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class FakeNotifySocket implements AutoCloseable {

    private final Path path;
    private final UnixDatagramReceiver socket;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final List<Integer> senders = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private FakeNotifySocket(Path path) {
        this.path = path;
        this.socket = UnixDatagramReceiver.bind(path);
        this.reader = Thread.ofPlatform().name("fake-notify-socket").daemon(true).start(this::read);
    }

    public static FakeNotifySocket bind(Path path) {
        return new FakeNotifySocket(path);
    }

    public Path path() {
        return path;
    }

    private void read() {
        while (!closed) {
            UnixDatagramReceiver.Datagram d = socket.receiveWithSender(Duration.ofMillis(200));
            if (d != null) {
                synchronized (all) {
                    all.add(d.text());
                    senders.add(d.senderPid());
                }
                unread.add(d.text());
            }
        }
    }

    /** The pids that sent messages (systemd accepts only the main process's with NotifyAccess=main). */
    public java.util.Set<Integer> senders() {
        synchronized (all) {
            return java.util.Set.copyOf(senders);
        }
    }

    /**
     * The next message (after those already returned) whose first line is {@code firstLine};
     * skipped messages are still in {@link #messages()}. Fails with everything received so far.
     */
    public String await(String firstLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String m = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no " + firstLine + " within " + timeout + "; received: " + messages());
                }
                if (m.lines().findFirst().orElse("").equals(firstLine)) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message received so far, in order. */
    public List<String> messages() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The first lines of {@link #messages()}, e.g. {@code READY=1}, without the watchdog pings. */
    public List<String> lifecycle() {
        return messages().stream().map(m -> m.lines().findFirst().orElse("")).filter(l -> !l.equals("WATCHDOG=1")).toList();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(2_000);
        socket.close();
    }
}
