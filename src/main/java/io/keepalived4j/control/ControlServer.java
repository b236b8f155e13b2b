package io.keepalived4j.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local control channel: a Unix stream socket (mode 0600, root's peers only, see
 * {@link PeerPolicy}) that takes one command a line and answers each ({@link ControlProtocol},
 * {@link ControlReply}), as HAProxy's runtime API does. Every command and every refusal is logged
 * and counted.
 *
 * <pre>{@code
 * try (ControlServer s = ControlServer.open(Path.of("/run/keepalived4j.sock"), target, Limits.DEFAULTS)) {
 *     ...   // keepalived4j ctl maintenance VI_1 on
 * }
 * }</pre>
 *
 * <p>Bounded: at most {@link Limits#maxClients} connections at once (more are told so and closed),
 * lines of at most {@link ControlProtocol#MAX_LINE} bytes, and a connection idle for
 * {@link Limits#idleTimeout} is closed. One platform thread accepts; each client has a virtual
 * thread; one more closes idle connections.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** After an unexpected accept failure, wait this long before the next accept (no busy loop). */
    private static final Duration ACCEPT_BACKOFF = Duration.ofSeconds(1);
    /** Refusal lines logged per minute at most; the rest are counted (a local user could flood them). */
    private static final int REFUSALS_LOGGED_PER_MINUTE = 10;

    /**
     * @param maxClients  connections served at once
     * @param idleTimeout a connection with no complete line for this long is closed
     */
    public record Limits(int maxClients, Duration idleTimeout) {
        public static final Limits DEFAULTS = new Limits(8, Duration.ofSeconds(60));
    }

    /** What the channel has done, for status and tests. */
    public record Counters(long commands, long failedCommands, long refusedPeers, long refusedBusy,
                           long overlongLines, long idleClosed) {
    }

    private final SocketFile socket;
    private final ControlTarget target;
    private final PeerPolicy policy;
    private final Limits limits;
    private final Semaphore slots;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failedCommands = new AtomicLong();
    private final AtomicLong refusedPeers = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();
    private final AtomicLong overlongLines = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final RefusalLog refusalLog = new RefusalLog();
    private final Thread acceptor;
    private final Thread reaper;
    private volatile boolean closed;

    private ControlServer(SocketFile socket, ControlTarget target, PeerPolicy policy, Limits limits) {
        this.socket = socket;
        this.target = target;
        this.policy = policy;
        this.limits = limits;
        this.slots = new Semaphore(limits.maxClients());
        this.acceptor = Thread.ofPlatform().name("k4j-control").daemon(true).unstarted(this::acceptLoop);
        this.reaper = Thread.ofPlatform().name("k4j-control-idle").daemon(true).unstarted(this::reapLoop);
    }

    /** Binds {@code path} (see {@link SocketFile}) and starts serving root's peers. */
    public static ControlServer open(Path path, ControlTarget target, Limits limits) throws IOException {
        return open(path, target, PeerPolicy.rootOnly(), limits);
    }

    static ControlServer open(Path path, ControlTarget target, PeerPolicy policy, Limits limits) throws IOException {
        ControlServer s = new ControlServer(SocketFile.bind(path), target, policy, limits);
        s.acceptor.start();
        s.reaper.start();
        LOG.info("Control channel listening on {} (root only)", s.socket.path());
        return s;
    }

    public Path path() {
        return socket.path();
    }

    public Counters counters() {
        return new Counters(commands.get(), failedCommands.get(), refusedPeers.get(), refusedBusy.get(),
                overlongLines.get(), idleClosed.get());
    }

    /** Accepts until closed; an unexpected failure is logged and the loop goes on after a pause. */
    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel peer = socket.channel().accept();
                admit(peer);
            } catch (ClosedChannelException e) {
                return;
            } catch (Throwable t) {
                if (closed) {
                    return;
                }
                LOG.error("Control channel: accept failed: {}", t.toString(), t);
                if (t instanceof VirtualMachineError) {
                    return;
                }
                try {
                    Thread.sleep(ACCEPT_BACKOFF);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void admit(SocketChannel peer) throws IOException {
        Optional<String> refused;
        try {
            refused = policy.refusal(peer);
        } catch (IOException e) {
            refused = Optional.of("peer credentials unavailable: " + e.getMessage());
        }
        if (refused.isPresent()) {
            refusedPeers.incrementAndGet();
            refusalLog.log("Control channel: refused " + refused.get());
            answerAndClose(peer, ControlReply.error("permission denied: only root may use the control channel"));
            return;
        }
        if (!slots.tryAcquire()) {
            refusedBusy.incrementAndGet();
            refusalLog.log("Control channel: refused a connection, " + limits.maxClients() + " clients already connected");
            answerAndClose(peer, ControlReply.error("busy: " + limits.maxClients() + " control clients already connected"));
            return;
        }
        Client c = new Client(peer, PeerPolicy.user(peer));
        clients.add(c);
        Thread.ofVirtual().name("k4j-control-client").start(() -> {
            try {
                c.serve();
            } finally {
                c.retire(false);
            }
        });
    }

    private static void answerAndClose(SocketChannel peer, ControlReply reply) {
        try (peer) {
            write(peer, reply);
        } catch (IOException e) {
            // the peer went away first: nothing to tell it
        }
    }

    private static void write(SocketChannel peer, ControlReply reply) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(reply.wire().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            peer.write(b);
        }
    }

    /** Closes connections idle for longer than the limit, once a second. */
    private void reapLoop() {
        long tick = Math.min(1_000, Math.max(10, limits.idleTimeout().toMillis() / 4));
        while (!closed) {
            try {
                Thread.sleep(tick);
                long now = System.nanoTime();
                for (Client c : clients) {
                    // The slot is free once the peer sees EOF, not when the client's thread gets to run.
                    if (now - c.lastActive > limits.idleTimeout().toNanos() && c.retire(true)) {
                        LOG.info("Control channel: closed a connection of {} idle for {} s", c.user,
                                limits.idleTimeout().toSeconds());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // An idle check that dies would leave its client slots taken for good: log, go on.
                LOG.error("Control channel: idle check failed: {}", t.toString(), t);
                if (t instanceof VirtualMachineError) {
                    return;
                }
            }
        }
    }

    /** One connection: read a line, answer it, until quit, EOF, an overlong line or the idle limit. */
    private final class Client {
        private final SocketChannel peer;
        private final String user;
        private final ByteBuffer in = ByteBuffer.allocate(ControlProtocol.MAX_LINE);
        private volatile long lastActive = System.nanoTime();
        private final AtomicBoolean retired = new AtomicBoolean();

        Client(SocketChannel peer, String user) {
            this.peer = peer;
            this.user = user;
        }

        void serve() {
            try {
                while (!closed) {
                    Optional<String> line = readLine();
                    if (line.isEmpty()) {
                        return;
                    }
                    lastActive = System.nanoTime();
                    if (!answer(line.get())) {
                        return;
                    }
                }
            } catch (IOException e) {
                // closed by the peer, the idle check or the stop
            } catch (RuntimeException e) {
                LOG.error("Control channel: a client's connection failed: {}", e.toString(), e);
            }
        }

        /** The next line without its newline, or empty at EOF or after an overlong line. */
        private Optional<String> readLine() throws IOException {
            while (true) {
                for (int i = 0; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        byte[] bytes = new byte[i];
                        in.flip();
                        in.get(bytes);
                        in.get();   // the newline
                        in.compact();
                        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
                if (!in.hasRemaining()) {
                    overlongLines.incrementAndGet();
                    refusalLog.log("Control channel: " + user + " sent a line longer than " + ControlProtocol.MAX_LINE
                            + " bytes; closing");
                    write(peer, ControlReply.error("line longer than " + ControlProtocol.MAX_LINE + " bytes"));
                    return Optional.empty();
                }
                if (peer.read(in) < 0) {
                    return Optional.empty();
                }
            }
        }

        /** Answers one line; false when the connection should end. */
        private boolean answer(String line) throws IOException {
            String shown = ControlProtocol.forLog(line);
            if (shown.isEmpty()) {
                return true;   // a bare newline: nothing asked, nothing answered (interactive users)
            }
            commands.incrementAndGet();
            ControlReply reply = switch (ControlProtocol.parse(line)) {
                case ControlProtocol.Error e -> ControlReply.error(e.reason());
                case ControlProtocol.Ok(ControlCommand.Quit q) -> null;
                case ControlProtocol.Ok(ControlCommand.Help h) -> ControlReply.ok(ControlProtocol.help());
                case ControlProtocol.Ok(ControlCommand c) -> execute(c);
            };
            if (reply == null) {
                LOG.info("Control channel: {}: quit", user);
                return false;
            }
            if (!reply.ok()) {
                failedCommands.incrementAndGet();
            }
            LOG.info("Control channel: {}: {} -> {}", user, shown, reply.ok() ? "ok" : reply.lines().getFirst());
            write(peer, reply);
            return true;
        }

        private ControlReply execute(ControlCommand c) {
            try {
                return target.execute(c);
            } catch (RuntimeException e) {
                LOG.error("Control channel: {} failed: {}", c, e.toString(), e);
                return ControlReply.error("internal error: " + e.getMessage());
            }
        }

        /**
         * Gives the slot back and closes the connection, once, whoever comes first: the client's own
         * thread at its end, or the idle check ({@code idle}, counted). Everything is done before
         * the close, so a peer that sees EOF finds the slot free and the count made. True for the
         * one call that did it.
         */
        boolean retire(boolean idle) {
            if (!retired.compareAndSet(false, true)) {
                return false;
            }
            if (idle) {
                idleClosed.incrementAndGet();
            }
            clients.remove(this);
            slots.release();
            close();
            return true;
        }

        void close() {
            try {
                peer.close();
            } catch (IOException e) {
                // closing: nothing more to do
            }
        }
    }

    /** At most {@value #REFUSALS_LOGGED_PER_MINUTE} refusal lines a minute; says how many it held back. */
    private static final class RefusalLog {
        private long windowStart = System.nanoTime();
        private int logged;
        private long held;

        synchronized void log(String line) {
            long now = System.nanoTime();
            if (now - windowStart > Duration.ofMinutes(1).toNanos()) {
                if (held > 0) {
                    LOG.warn("Control channel: {} more refusals in the last minute not logged", held);
                }
                windowStart = now;
                logged = 0;
                held = 0;
            }
            if (logged < REFUSALS_LOGGED_PER_MINUTE) {
                logged++;
                LOG.warn(line);
            } else {
                held++;
            }
        }
    }

    /** Stops accepting, closes every connection and removes the socket file; bounded (joins 2 s at most). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.warn("Control channel: removing {}: {}", socket.path(), e.toString());
        }
        clients.forEach(Client::close);
        reaper.interrupt();
        try {
            acceptor.join(Duration.ofSeconds(1));
            reaper.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Control channel closed");
    }
}
