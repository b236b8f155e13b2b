package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsSyncDaemon;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * IPVS's connection sync daemons as {@code lvs_sync_daemon} asks for them. Without a VRRP
 * instance both the master and the backup daemon run from start to stop (keepalived's checker
 * process does so). With one they follow it: entering MASTER stops the backup daemon and starts
 * the master one; leaving MASTER does the reverse (keepalived 2.2.7's ipvs_syncd_master/backup).
 * One deliberate difference: keepalived 2.2.7 starts the backup daemon only when an instance
 * leaves MASTER, so a director that starts as BACKUP receives no connections until it has been
 * MASTER once; here entering BACKUP (the start included) starts it.
 *
 * <p>State changes arrive on the VRRP thread and are handed to a thread of this class (a bounded
 * queue, only the latest state matters), so the takeover path never waits for netlink.
 */
final class IpvsSyncDaemons implements AutoCloseable {

    private final IpvsKernel kernel;
    private final Optional<IpvsSettings.Sync> sync;
    private final BlockingQueue<String> states = new ArrayBlockingQueue<>(16);
    private final Set<IpvsSyncDaemon.State> running = EnumSet.noneOf(IpvsSyncDaemon.State.class);
    private Thread worker;
    private volatile boolean closed;

    IpvsSyncDaemons(IpvsKernel kernel, Optional<IpvsSettings.Sync> sync) {
        this.kernel = kernel;
        this.sync = sync;
    }

    void start() {
        if (sync.isEmpty()) {
            return;
        }
        // Daemons a previous run left (a crash) would make ours fail with EEXIST.
        stopQuietly(IpvsSyncDaemon.State.MASTER);
        stopQuietly(IpvsSyncDaemon.State.BACKUP);
        if (sync.get().instance().isEmpty()) {
            startDaemon(IpvsSyncDaemon.State.MASTER);
            startDaemon(IpvsSyncDaemon.State.BACKUP);
            return;
        }
        worker = Thread.ofPlatform().name("k4j-ipvs-sync").daemon(true).start(this::follow);
    }

    /** {@code instance} entered {@code state}; only the configured instance counts. */
    void instanceState(String instance, String state) {
        if (sync.isEmpty() || closed || !sync.get().instance().orElse("").equals(instance)) {
            return;
        }
        while (!states.offer(state)) {
            states.poll(); // full: the oldest is outdated anyway
        }
    }

    private void follow() {
        while (!closed) {
            String state;
            try {
                state = states.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (state == null) {
                continue;
            }
            String latest;
            while ((latest = states.poll()) != null) {
                state = latest;
            }
            try {
                apply(state);
            } catch (Throwable t) {
                // Kept running: the next state change tries again; only the JVM's own failure ends it.
                IpvsDataPlane.LOG.error("IPVS sync daemon: {}", t.toString());
                if (t instanceof VirtualMachineError) {
                    return;
                }
            }
        }
    }

    synchronized void apply(String state) {
        if (closed) {
            return;
        }
        IpvsSyncDaemon.State want = "MASTER".equals(state) ? IpvsSyncDaemon.State.MASTER : IpvsSyncDaemon.State.BACKUP;
        IpvsSyncDaemon.State other = want == IpvsSyncDaemon.State.MASTER ? IpvsSyncDaemon.State.BACKUP
                : IpvsSyncDaemon.State.MASTER;
        if ("STOP".equals(state)) {
            stopRunning();
            return;
        }
        if (running.contains(other)) {
            stopDaemon(other);
        }
        if (!running.contains(want)) {
            startDaemon(want);
        }
    }

    synchronized Set<IpvsSyncDaemon.State> running() {
        return EnumSet.copyOf(running);
    }

    private void startDaemon(IpvsSyncDaemon.State state) {
        try {
            kernel.startDaemon(sync.orElseThrow().daemon(state));
            running.add(state);
            IpvsDataPlane.LOG.info("Starting IPVS {} sync daemon on {} (syncid {})", state.name().toLowerCase(java.util.Locale.ROOT),
                    sync.get().interfaceName(), sync.get().syncId());
        } catch (IpvsException e) {
            IpvsDataPlane.LOG.error("IPVS: cannot {}", e.getMessage());
        }
    }

    private void stopDaemon(IpvsSyncDaemon.State state) {
        try {
            kernel.stopDaemon(state, sync.orElseThrow().syncId());
        } catch (IpvsException e) {
            IpvsDataPlane.LOG.error("IPVS: cannot {}", e.getMessage());
        }
        running.remove(state);
    }

    private void stopQuietly(IpvsSyncDaemon.State state) {
        try {
            kernel.stopDaemon(state, sync.orElseThrow().syncId());
        } catch (IpvsException e) {
            // none was running: the usual case
        }
    }

    private synchronized void stopRunning() {
        for (IpvsSyncDaemon.State s : EnumSet.copyOf(running)) {
            stopDaemon(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopRunning();
    }
}
