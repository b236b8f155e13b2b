package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * keepalived's {@code net_namespace NAME}: the whole daemon runs inside that network namespace.
 * setns() moves only the calling thread of a JVM, and a JVM cannot fork, so the daemon starts
 * itself again inside the namespace ({@code ip netns exec NAME}, as iproute2 also remounts /sys for
 * it) and stays as a small supervisor that hands SIGTERM/SIGINT/SIGHUP/SIGUSR1/SIGUSR2 on to the
 * child, relays its sd_notify messages to systemd ({@link NotifyRelay}), and exits with its status.
 */
final class NamespaceReexec {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    /** Set in the child's environment: it is inside the namespace already. */
    static final String INSIDE = "KEEPALIVED4J_NETNS";

    private NamespaceReexec() {
    }

    /** The namespace the configuration asks for, when this process is not in it yet. */
    static Optional<String> wanted(KeepalivedConfig config) {
        List<String> v = config.global().other().get("net_namespace");
        if (v == null || v.isEmpty() || v.getFirst().equals(System.getenv(INSIDE))) {
            return Optional.empty();
        }
        return Optional.of(v.getFirst());
    }

    /** Runs this very command line inside {@code namespace}; returns the child's exit status. */
    static int run(String namespace, boolean ignoreSigint) {
        if (!Files.exists(Path.of("/run/netns", namespace))) {
            LOG.error("net_namespace {}: no such network namespace (/run/netns/{}); create it with 'ip netns add {}'",
                    namespace, namespace, namespace);
            return 1;
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.add(self.command().orElse("java"));
        command.addAll(List.of(self.arguments().orElse(new String[0])));
        ProcessBuilder b = new ProcessBuilder(command).inheritIO();
        b.environment().put(INSIDE, namespace);
        // Under systemd this process is the main one: the child's notifications go through it.
        try (NotifyRelay relay = NotifyRelay.start(System.getenv()).orElse(null)) {
            if (relay != null) {
                relay.adjust(b.environment());
            }
            return runChild(b, namespace, ignoreSigint);
        }
    }

    private static int runChild(ProcessBuilder b, String namespace, boolean ignoreSigint) {
        Process child;
        try {
            child = b.start();
        } catch (IOException e) {
            LOG.error("net_namespace {}: cannot start the daemon inside it: {}", namespace, e.getMessage());
            return 1;
        }
        var forwarder = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true).unstarted(r));
        SignalHandlers.Actions forward = new SignalHandlers.Actions(
                () -> signal(child, "TERM"), () -> signal(child, "HUP"), () -> signal(child, "USR1"),
                () -> signal(child, "USR2"));
        try (SignalHandlers handlers = SignalHandlers.install(forward, forwarder, ignoreSigint)) {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return 1;
        } finally {
            forwarder.shutdownNow();
        }
    }

    /** {@code ip netns exec} execs the command in place, so the child's pid is the daemon's. */
    private static void signal(Process child, String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            LOG.warn("cannot pass SIG{} to {}: {}", name, child.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
