package io.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's signals (ops.md section 2, lib/signals.h): SIGTERM and SIGINT stop (SIGINT not
 * with {@code --ignore-sigint}), SIGHUP reloads, SIGUSR1 dumps data, SIGUSR2 dumps stats.
 * The JVM runs each handler on a fresh thread; the handlers of SIGHUP and the dumps hand their work
 * to the daemon's executor, one at a time in arrival order. The stop runs on the signal's own thread
 * at once: its priority-0 adverts wait for nothing (the daemon's stop is safe from any thread).
 *
 * <p>Stop is delivered once. A second SIGTERM/SIGINT during the stop asks to be quicker: the
 * {@code forceStop} action runs at once, on the signal's own thread (the executor may be the very
 * thing that is stuck); the daemon's releases the VIPs directly and ends the process. The JVM's own
 * SIGTERM/SIGINT handling (shutdown hooks) is replaced, so the stop action must end the process
 * itself. {@link #close()} restores the handlers found at install time.
 *
 * <p>Uses {@code sun.misc.Signal} from module jdk.unsupported, resolved by default on JDK 25:
 * no flags are needed, but javac prints an "internal proprietary API" warning per use (not
 * suppressible). It fails for signals the JVM reserves (e.g. under {@code -Xrs}).
 *
 * <pre>{@code
 * SignalHandlers signals = SignalHandlers.install(
 *         new SignalHandlers.Actions(loop::stop, loop::reload, loop::dumpData, loop::dumpStats),
 *         loop.executor(), ignoreSigint);
 * }</pre>
 */
public final class SignalHandlers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

    /**
     * What each signal asks for; {@code stop} and {@code forceStop} run on the signal's own thread,
     * the others on the caller's executor.
     *
     * @param forceStop a second SIGTERM/SIGINT while stopping
     */
    public record Actions(Runnable stop, Runnable reload, Runnable dumpData, Runnable dumpStats, Runnable forceStop) {
        /** With a second stop signal only logged. */
        public Actions(Runnable stop, Runnable reload, Runnable dumpData, Runnable dumpStats) {
            this(stop, reload, dumpData, dumpStats, () -> { });
        }
    }

    private final Actions actions;
    private final Executor executor;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Runnable> restore = new ArrayList<>();

    private SignalHandlers(Actions actions, Executor executor) {
        this.actions = actions;
        this.executor = executor;
    }

    /**
     * Installs the handlers for this JVM.
     *
     * @param ignoreSigint keepalived's {@code --ignore-sigint}: SIGINT is ignored (SIG_IGN)
     * @throws IllegalArgumentException when the JVM does not let us handle one of the signals
     */
    public static SignalHandlers install(Actions actions, Executor executor, boolean ignoreSigint) {
        SignalHandlers h = new SignalHandlers(actions, executor);
        try {
            h.handle("TERM", h::stopSignal);
            if (ignoreSigint) {
                h.ignore("INT");
            } else {
                h.handle("INT", h::stopSignal);
            }
            h.handle("HUP", name -> h.submit(name, actions.reload()));
            h.handle("USR1", name -> h.submit(name, actions.dumpData()));
            h.handle("USR2", name -> h.submit(name, actions.dumpStats()));
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /**
     * One more signal whose action runs on {@code executor}: keepalived4j's stand-in for a
     * keepalived signal the JVM cannot take (the JSON dump's SIGRTMIN+2; see {@link SignalNumbers}).
     */
    public static SignalHandlers installOne(String name, Runnable action, Executor executor) {
        SignalHandlers h = new SignalHandlers(null, executor);
        h.handle(name, n -> h.submit(n, action));
        return h;
    }

    /** True once SIGTERM or SIGINT asked for a stop. */
    public boolean stopping() {
        return stopping.get();
    }

    private void stopSignal(String name) {
        if (stopping.compareAndSet(false, true)) {
            // On this signal's own thread (the JVM makes one per signal), not behind the executor:
            // a hand-over to another thread cost the priority-0 adverts most of a millisecond, and a
            // queue of other signals' work (a burst of SIGHUPs) would hold them back. The stop
            // itself waits for a reload in progress and refuses the ones after it (VrrpDaemon).
            actions.stop().run();
        } else {
            LOG.info("Received SIG{} while stopping - forcing the stop", name);
            actions.forceStop().run();
        }
    }

    private void submit(String name, Runnable action) {
        try {
            executor.execute(action);
        } catch (RejectedExecutionException e) {
            // The loop is already gone (we are exiting): nothing is left to reload or dump.
            LOG.warn("SIG{} not handled: the daemon's executor refused it ({})", name, e.toString());
        }
    }

    private void handle(String name, Consumer<String> onSignal) {
        swap(name, onSignal);
    }

    private void ignore(String name) {
        swap(name, null);
    }

    // The only sun.misc use (javac warns per mention of its types, hence var): null means SIG_IGN.
    private void swap(String name, Consumer<String> onSignal) {
        var signal = new sun.misc.Signal(name);
        var previous = sun.misc.Signal.handle(signal,
                onSignal == null ? sun.misc.SignalHandler.SIG_IGN : s -> onSignal.accept(name));
        restore.add(() -> sun.misc.Signal.handle(signal, previous));
    }

    /** Puts back the handlers that were installed before ours (the JVM's, in tests). */
    @Override
    public synchronized void close() {
        for (Runnable r : restore.reversed()) {
            r.run();
        }
        restore.clear();
    }
}
