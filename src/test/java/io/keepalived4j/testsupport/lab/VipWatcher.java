package io.keepalived4j.testsupport.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records which lab hosts have a VIP configured, over time, so tests can assert "exactly one
 * holder" and "never two at once" with the whole timeline in the failure message.
 *
 * <pre>{@code
 * try (VipWatcher vip = VipWatcher.start(lab.vip4(1), lab.hosts())) {
 *     Instant tookOver = vip.awaitSingleHolder(lab.host("lb2"), Duration.ofSeconds(5));
 *     assertThat(vip.maxSimultaneousHoldersSince(quiet)).as(vip.describe()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Event-driven rather than sampled: one {@code ip -n NS -o monitor address} per host (the
 * kernel's RTM_NEWADDR/RTM_DELADDR notifications) is read line by line and time-stamped on
 * arrival, within a millisecond or so of the change. Polling {@code ip addr} every 20 ms would
 * spawn 50 processes per second per host on a shared 2-core machine, perturbing the very VRRP
 * timings under test, and could still miss a 10 ms double-holder window between two samples.
 * Monitors are started before the initial snapshot and proven subscribed (a marker address is
 * added to lo and must come back as an event), so no change falls between the two; start the
 * watcher before the daemons.
 *
 * <p>What it sees is configuration: an IPv4 VIP stays "held" on a host whose link is down (the
 * kernel keeps IPv4 addresses on down links), exactly as {@code ip addr} would show it.
 */
public final class VipWatcher implements AutoCloseable {

    /** The holders from {@code at} on, and the event that made them so. */
    public record Change(Instant at, Set<String> holders, String event) {}

    private static final Pattern ADDRESS = Pattern.compile("\\binet6? ([0-9a-fA-F.:]+)/\\d+");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);

    private final InetAddress vip;
    private final List<LabHost> hosts;
    private final List<HostProcess> monitors = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final Set<String> holders = new TreeSet<>();
    private final List<Change> timeline = new ArrayList<>();
    private String broken; // why the timeline can no longer be trusted
    private boolean closing;

    private VipWatcher(InetAddress vip, Collection<LabHost> hosts) {
        this.vip = vip;
        this.hosts = List.copyOf(hosts);
    }

    /** Starts watching {@code vip} on {@code hosts}; returns once every monitor is live. */
    public static VipWatcher start(InetAddress vip, Collection<LabHost> hosts) {
        VipWatcher watcher = new VipWatcher(vip, hosts);
        LabCleanup.register(watcher);
        try {
            for (LabHost host : watcher.hosts) {
                watcher.watch(host);
            }
            return watcher;
        } catch (RuntimeException | Error e) {
            watcher.close();
            throw e;
        }
    }

    private void watch(LabHost host) {
        HostProcess monitor = HostProcess.startPiped(host, List.of("ip", "-o", "monitor", "address"));
        monitors.add(monitor);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        InetAddress marker = parse("127." + r.nextInt(1, 255) + "." + r.nextInt(256) + "." + r.nextInt(1, 255));
        CountDownLatch ready = new CountDownLatch(1);
        readers.add(Thread.ofVirtual().name("k4j-vipwatch-" + host.name()).start(() -> read(host, monitor, marker, ready)));
        // The monitor's netlink subscription is live once it reports our own marker change; it
        // may not have subscribed yet when the first one happens, so repeat until one comes back.
        String cidr = marker.getHostAddress() + "/32";
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (true) {
                host.ip("addr", "add", cidr, "dev", "lo");
                boolean seen = ready.await(50, TimeUnit.MILLISECONDS);
                host.ip("addr", "del", cidr, "dev", "lo");
                if (seen) {
                    break;
                }
                if (System.nanoTime() > deadline || !monitor.isAlive()) {
                    throw new IllegalStateException("ip monitor in " + host + " reported nothing within " + READY_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        boolean held = host.addresses().lines().anyMatch(this::mentionsVip);
        record(host, held, "initial " + (held ? "holds" : "does not hold"));
    }

    private void read(LabHost host, HostProcess monitor, InetAddress marker, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(monitor.process().getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Optional<InetAddress> address = address(line);
                if (address.isEmpty()) {
                    continue;
                }
                boolean deleted = line.startsWith("Deleted ");
                if (address.get().equals(marker) && !deleted) {
                    ready.countDown();
                } else if (address.get().equals(vip)) {
                    // "Deleted 2: eth0    inet 10.64.1.101/24 scope global eth0\       valid_lft ..." -> up to the "\"
                    String event = line.replaceFirst("\\\\.*", "").replaceAll("\\s+", " ").strip();
                    record(host, !deleted, event);
                }
            }
        } catch (IOException e) {
            // The stream closes when close() kills the monitor; anything else is reported below.
        }
        synchronized (this) {
            if (broken == null && !closing) {
                broken = "ip monitor in " + host + " ended";
                notifyAll();
            }
        }
    }

    private synchronized void record(LabHost host, boolean holds, String event) {
        boolean changed = holds ? holders.add(host.name()) : holders.remove(host.name());
        if (changed || timeline.isEmpty() || event.startsWith("initial")) {
            timeline.add(new Change(Instant.now(), Set.copyOf(holders), host.name() + ": " + event));
            notifyAll();
        }
    }

    /** The hosts that have the VIP configured now. */
    public synchronized Set<String> holdersNow() {
        return Set.copyOf(holders);
    }

    /** The holders in effect at {@code when} (the empty set before the watcher started). */
    public synchronized Set<String> holdersAt(Instant when) {
        Set<String> at = Set.of();
        for (Change c : timeline) {
            if (c.at().isAfter(when)) {
                break;
            }
            at = c.holders();
        }
        return at;
    }

    /**
     * Waits until {@code host} is the only holder; returns when that became so (possibly before
     * the call).
     *
     * @throws AssertionError after {@code timeout}, with the timeline
     */
    public Instant awaitSingleHolder(LabHost host, Duration timeout) {
        return awaitHolders(Set.of(host.name()), timeout);
    }

    /** Waits until nobody holds the VIP; returns when that became so. */
    public Instant awaitNoHolder(Duration timeout) {
        return awaitHolders(Set.of(), timeout);
    }

    /** Waits until exactly {@code expected} (host names) hold the VIP; returns when that became so. */
    public synchronized Instant awaitHolders(Set<String> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holders.equals(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || broken != null) {
                throw new AssertionError("VIP " + vip.getHostAddress() + " holders never became " + expected
                        + " within " + timeout + (broken == null ? "" : " (" + broken + ")") + "\n" + describe());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return timeline.getLast().at();
    }

    /** The most hosts that held the VIP at the same time, from {@code since} until now. */
    public synchronized int maxSimultaneousHoldersSince(Instant since) {
        int max = holdersAt(since).size();
        for (Change c : timeline) {
            if (c.at().isAfter(since)) {
                max = Math.max(max, c.holders().size());
            }
        }
        return max;
    }

    /** Every change so far, oldest first. */
    public synchronized List<Change> timeline() {
        return List.copyOf(timeline);
    }

    /** The timeline as text, times relative to the first entry, for assertion messages. */
    public synchronized String describe() {
        StringBuilder text = new StringBuilder("timeline of " + vip.getHostAddress() + ":");
        Instant start = timeline.isEmpty() ? Instant.now() : timeline.getFirst().at();
        for (Change c : timeline) {
            text.append(String.format("%n  +%6d ms  %-20s %s", Duration.between(start, c.at()).toMillis(),
                    c.holders(), c.event()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        RuntimeException failure = null;
        for (HostProcess monitor : monitors) {
            try {
                monitor.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        for (Thread reader : readers) {
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LabCleanup.unregister(this);
        if (failure != null) {
            throw failure;
        }
    }

    private boolean mentionsVip(String ipAddrLine) {
        return address(ipAddrLine).map(vip::equals).orElse(false);
    }

    private static Optional<InetAddress> address(String line) {
        Matcher m = ADDRESS.matcher(line);
        return m.find() ? Optional.of(parse(m.group(1))) : Optional.empty();
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("not an address: " + literal, e));
        }
    }

    @Override
    public String toString() {
        return "VipWatcher(" + vip.getHostAddress() + ")";
    }
}
