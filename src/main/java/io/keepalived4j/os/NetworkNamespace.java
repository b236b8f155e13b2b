package io.keepalived4j.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a named network namespace ({@code ip netns add NAME}, i.e. {@code /run/netns/NAME}),
 * as keepalived's {@code net_namespace} does for the whole daemon.
 *
 * <p>{@code setns(2)} moves only the calling thread, so the action runs on a fresh platform thread
 * (never a virtual thread: its carrier would stay in the namespace) that ends with it. Sockets
 * opened there stay in that namespace for their whole life and may be used from any thread.
 *
 * <pre>{@code
 * RawVrrpSocket s = NetworkNamespace.call("blue", () -> RawVrrpSocket.open(options));
 * }</pre>
 */
public final class NetworkNamespace {

    private static final Path NETNS_DIR = Path.of("/run/netns");

    private NetworkNamespace() {
    }

    /** Runs {@code action} in namespace {@code name} and returns its result or throws its exception. */
    public static <T> T call(String name, Callable<T> action) throws Exception {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("bad namespace name: " + name);
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("k4j-netns-" + name).start(() -> {
            try {
                enter(NETNS_DIR.resolve(name));
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        worker.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void enter(Path namespaceFile) throws IOException {
        int fd = (int) Libc.check("open(" + namespaceFile + ")", (a, st) -> (int) Libc.OPEN.invokeExact(st,
                a.allocateFrom(namespaceFile.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC, 0));
        try {
            Libc.check((a, st) -> (int) Libc.SETNS.invokeExact(st, fd, Libc.CLONE_NEWNET),
                    e -> NativeException.of("setns(" + namespaceFile + ", CLONE_NEWNET)", e,
                            e == Libc.EPERM ? "need root or CAP_SYS_ADMIN" : null));
        } finally {
            Libc.close(fd);
        }
    }
}
