package io.keepalived4j.testsupport.lab;

import io.keepalived4j.vrrp.codec.Pcap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * tcpdump on a lab host's eth0, written to a pcap file and read back as time-stamped frames.
 *
 * <pre>{@code
 * try (PacketCapture arp = PacketCapture.start(lab.host("client"), "arp")) {
 *     ...
 *     List<Pcap.Frame> frames = arp.stop();
 * }
 * }</pre>
 *
 * <p>{@link #start} returns only after tcpdump printed "listening on", i.e. its packet socket
 * is bound and nothing sent afterwards is missed. {@code --immediate-mode} hands every packet to
 * tcpdump at once and {@code -U} writes it at once: without the former, packets wait in the
 * kernel's TPACKET_V3 ring block until it times out, and a SIGTERM before that loses them (seen:
 * "4 packets received by filter, 0 packets captured"). {@code -Z root} keeps tcpdump from dropping to the
 * "tcpdump" user before it opens the file in our (root-owned) work directory.
 */
public final class PacketCapture implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final LabHost host;
    private final Path file;
    private final LogFile log;
    private final HostProcess tcpdump;

    private PacketCapture(LabHost host, Path file, LogFile log, HostProcess tcpdump) {
        this.host = host;
        this.file = file;
        this.log = log;
        this.tcpdump = tcpdump;
    }

    /**
     * Captures frames on {@code host}'s eth0 that match {@code filter} (pcap-filter syntax, e.g.
     * "arp" or "ip proto 112"; empty for everything).
     */
    public static PacketCapture start(LabHost host, String filter) {
        String base = "capture-" + host.name() + "-" + COUNTER.incrementAndGet();
        Path file = host.lab().workDir().resolve(base + ".pcap");
        LogFile log = new LogFile(host.lab().workDir().resolve(base + ".log"));
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", "eth0", "-nn", "-U", "--immediate-mode", "-Z", "root", "-w", file.toString()));
        if (!filter.isBlank()) {
            argv.add(filter);
        }
        HostProcess tcpdump = HostProcess.start(host, argv, log.path());
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (log.find(LogFile.Mark.START, "listening on").isEmpty()) {
                if (!tcpdump.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("tcpdump in " + host + " did not start: " + log.text());
                }
                LogFile.sleep(Duration.ofMillis(10));
            }
        } catch (RuntimeException e) {
            tcpdump.close();
            throw e;
        }
        return new PacketCapture(host, file, log, tcpdump);
    }

    /** Stops tcpdump (SIGTERM, by PID) and returns every frame captured, oldest first. */
    public List<Pcap.Frame> stop() {
        tcpdump.terminate(STOP_GRACE);
        tcpdump.close();
        return frames();
    }

    /** The frames written so far (all of them once stopped). */
    public List<Pcap.Frame> frames() {
        try {
            return Pcap.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + file + " (tcpdump said: " + log.text() + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    public LabHost host() {
        return host;
    }

    /** Kills tcpdump if it still runs; the file stays readable until the lab closes. */
    @Override
    public void close() {
        tcpdump.close();
    }
}
